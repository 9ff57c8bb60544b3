package dev.orca.api.table;

import static dev.orca.api.table.Templates.nonNull;

import dev.orca.model.KubeObject;
import java.time.Instant;
import java.util.List;

/**
 * Any other kind: NAME and AGE, the columns kube-apiserver serves for a custom resource without
 * printer columns (AGE is a {@code date} column holding the age).
 */
final class DefaultPrinter implements TablePrinter {
  static final List<Column> COLUMNS = List.of(
      Column.nameColumn(),
      new Column("Age", "date", "", Descriptions.CREATION_TIMESTAMP, 0));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    String name = object.metadata() == null ? "" : nonNull(object.metadata().name());
    String created = object.metadata() == null ? null : object.metadata().creationTimestamp();
    return Row.of(name, Timestamps.age(created, now));
  }
}
