package dev.orca.api.table;

import static dev.orca.api.table.Templates.nonNull;

import dev.orca.model.KubeObject;
import dev.orca.model.Secret;
import java.time.Instant;
import java.util.List;

/** Secrets as kube-apiserver prints them: NAME, TYPE, DATA (the number of keys), AGE. Never a value. */
final class SecretPrinter implements TablePrinter {
  static final List<Column> COLUMNS = List.of(
      Column.nameColumn(),
      Column.string("Type", Descriptions.SECRET_TYPE),
      Column.string("Data", Descriptions.SECRET_DATA),
      Column.ageColumn());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    if (!(object instanceof Secret secret)) {
      throw new IllegalArgumentException("not a Secret: " + object.kind());
    }
    String name = secret.metadata() == null ? "" : nonNull(secret.metadata().name());
    String created = secret.metadata() == null ? null : secret.metadata().creationTimestamp();
    long keys = secret.data() == null ? 0 : secret.data().size();
    return Row.of(name, nonNull(secret.type()), keys, Timestamps.age(created, now));
  }
}
