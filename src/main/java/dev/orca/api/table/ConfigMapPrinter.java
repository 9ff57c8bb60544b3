package dev.orca.api.table;

import static dev.orca.api.table.Templates.nonNull;

import dev.orca.model.ConfigMap;
import dev.orca.model.KubeObject;
import java.time.Instant;
import java.util.List;

/** ConfigMaps as kube-apiserver prints them: NAME, DATA (the number of keys, binary ones included), AGE. */
final class ConfigMapPrinter implements TablePrinter {
  static final List<Column> COLUMNS = List.of(
      Column.nameColumn(),
      Column.string("Data", Descriptions.CONFIG_MAP_DATA),
      Column.ageColumn());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    if (!(object instanceof ConfigMap configMap)) {
      throw new IllegalArgumentException("not a ConfigMap: " + object.kind());
    }
    String name = configMap.metadata() == null ? "" : nonNull(configMap.metadata().name());
    String created = configMap.metadata() == null ? null : configMap.metadata().creationTimestamp();
    long keys = (configMap.data() == null ? 0 : configMap.data().size())
        + (configMap.binaryData() == null ? 0 : configMap.binaryData().size());
    return Row.of(name, keys, Timestamps.age(created, now));
  }
}
