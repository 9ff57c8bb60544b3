package dev.orca.api.table;

import static dev.orca.api.table.Templates.nonNull;

import dev.orca.model.KubeObject;
import dev.orca.model.Namespace;
import java.time.Instant;
import java.util.List;

/** Namespaces as kube-apiserver prints them: NAME, STATUS (the phase), AGE. */
final class NamespacePrinter implements TablePrinter {
  static final List<Column> COLUMNS = List.of(
      Column.nameColumn(),
      Column.string("Status", Descriptions.NAMESPACE_STATUS),
      Column.ageColumn());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    if (!(object instanceof Namespace namespace)) {
      throw new IllegalArgumentException("not a Namespace: " + object.kind());
    }
    String name = namespace.metadata() == null ? "" : nonNull(namespace.metadata().name());
    String created = namespace.metadata() == null ? null : namespace.metadata().creationTimestamp();
    String phase = namespace.status() == null ? "" : nonNull(namespace.status().phase());
    return Row.of(name, phase, Timestamps.age(created, now));
  }
}
