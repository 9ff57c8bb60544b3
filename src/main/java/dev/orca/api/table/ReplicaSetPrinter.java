package dev.orca.api.table;

import static dev.orca.api.table.Templates.count;
import static dev.orca.api.table.Templates.nonNull;

import dev.orca.model.KubeObject;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetSpec;
import dev.orca.model.ReplicaSetStatus;
import java.time.Instant;
import java.util.List;

/**
 * ReplicaSets as kube-apiserver prints them: NAME, DESIRED, CURRENT, READY, AGE; wide: CONTAINERS,
 * IMAGES, SELECTOR ({@code <none>} when empty).
 */
final class ReplicaSetPrinter implements TablePrinter {
  static final List<Column> COLUMNS = List.of(
      Column.nameColumn(),
      Column.integer("Desired", Descriptions.REPLICA_SET_DESIRED),
      Column.integer("Current", Descriptions.REPLICA_SET_CURRENT),
      Column.integer("Ready", Descriptions.REPLICA_SET_READY),
      Column.ageColumn(),
      Column.wide("Containers", Descriptions.CONTAINERS),
      Column.wide("Images", Descriptions.IMAGES),
      Column.wide("Selector", Descriptions.REPLICA_SET_SELECTOR));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    if (!(object instanceof ReplicaSet replicaSet)) {
      throw new IllegalArgumentException("not a ReplicaSet: " + object.kind());
    }
    return row(replicaSet, now);
  }

  static Row row(ReplicaSet rs, Instant now) {
    ReplicaSetSpec spec = rs.spec();
    ReplicaSetStatus status = rs.status();
    long desired = spec == null || spec.replicas() == null ? 1 : spec.replicas(); // the API's default
    String name = rs.metadata() == null ? "" : nonNull(rs.metadata().name());
    String created = rs.metadata() == null ? null : rs.metadata().creationTimestamp();
    return Row.of(name, desired, status == null ? 0L : count(status.replicas()),
        status == null ? 0L : count(status.readyReplicas()), Timestamps.age(created, now),
        Templates.containerNames(spec == null ? null : spec.template()),
        Templates.images(spec == null ? null : spec.template()),
        Templates.formatSelector(spec == null ? null : spec.selector()));
  }
}
