package dev.orca.api.table;

import static dev.orca.api.table.Templates.count;
import static dev.orca.api.table.Templates.nonNull;

import dev.orca.model.Deployment;
import dev.orca.model.DeploymentSpec;
import dev.orca.model.DeploymentStatus;
import dev.orca.model.KubeObject;
import java.time.Instant;
import java.util.List;

/**
 * Deployments as kube-apiserver prints them: NAME, READY ({@code ready/desired}), UP-TO-DATE,
 * AVAILABLE, AGE; wide: CONTAINERS, IMAGES, SELECTOR. kube declares UP-TO-DATE and AVAILABLE as
 * string columns but sends their cells as integers; so does this.
 */
final class DeploymentPrinter implements TablePrinter {
  static final List<Column> COLUMNS = List.of(
      Column.nameColumn(),
      Column.string("Ready", Descriptions.DEPLOYMENT_READY),
      Column.string("Up-to-date", Descriptions.DEPLOYMENT_UPDATED),
      Column.string("Available", Descriptions.DEPLOYMENT_AVAILABLE),
      Column.ageColumn(),
      Column.wide("Containers", Descriptions.CONTAINERS),
      Column.wide("Images", Descriptions.IMAGES),
      Column.wide("Selector", Descriptions.DEPLOYMENT_SELECTOR));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    if (!(object instanceof Deployment deployment)) {
      throw new IllegalArgumentException("not a Deployment: " + object.kind());
    }
    return row(deployment, now);
  }

  static Row row(Deployment d, Instant now) {
    DeploymentSpec spec = d.spec();
    DeploymentStatus status = d.status();
    long desired = spec == null || spec.replicas() == null ? 1 : spec.replicas(); // the API's default
    long ready = status == null ? 0 : count(status.readyReplicas());
    long updated = status == null ? 0 : count(status.updatedReplicas());
    long available = status == null ? 0 : count(status.availableReplicas());
    String selector = spec == null ? "" : Templates.selector(spec.selector());
    String name = d.metadata() == null ? "" : nonNull(d.metadata().name());
    String created = d.metadata() == null ? null : d.metadata().creationTimestamp();
    return Row.of(name, ready + "/" + desired, updated, available, Timestamps.age(created, now),
        Templates.containerNames(spec == null ? null : spec.template()),
        Templates.images(spec == null ? null : spec.template()),
        selector == null ? "<invalid>" : selector);
  }
}
