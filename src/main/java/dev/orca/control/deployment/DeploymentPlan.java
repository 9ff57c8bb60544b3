package dev.orca.control.deployment;

import dev.orca.model.Deployment;
import dev.orca.model.DeploymentStatus;
import dev.orca.model.ReplicaSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Deployment sync decided. The caller applies it in this order: create, then update,
 * then delete, then the Deployment's annotations and status.
 *
 * @param create the ReplicaSet for the current template when none exists, fully formed (name
 *     {@code <deployment>-<hash>}, labels, selector, template with the hash label, revision and
 *     replicas annotations, controller owner reference, spec.replicas already set by the strategy)
 * @param update ReplicaSets whose spec.replicas, spec.minReadySeconds or annotations change;
 *     apply each by taking its spec and metadata.annotations (its status is the one observed)
 * @param delete names of old ReplicaSets beyond revisionHistoryLimit, oldest revision first
 * @param deploymentAnnotations entries to merge into the Deployment's annotations (its
 *     {@code deployment.kubernetes.io/revision}); empty when none change
 * @param status the Deployment's new status; write it only when {@link #statusChanged}
 * @param recheckAfter when to reconcile again to notice a missed progress deadline, if ever
 */
public record DeploymentPlan(
    Optional<ReplicaSet> create,
    List<ReplicaSet> update,
    List<String> delete,
    Map<String, String> deploymentAnnotations,
    DeploymentStatus status,
    Optional<Duration> recheckAfter) {

  public DeploymentPlan {
    Objects.requireNonNull(create, "create");
    update = List.copyOf(update);
    delete = List.copyOf(delete);
    deploymentAnnotations = Map.copyOf(deploymentAnnotations);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(recheckAfter, "recheckAfter");
  }

  /** Whether the status differs from the one last stored. */
  public boolean statusChanged(DeploymentStatus old) {
    return !status.equals(old);
  }

  /** Whether any ReplicaSet is to be created, updated or deleted. */
  public boolean changesReplicaSets() {
    return create.isPresent() || !update.isEmpty() || !delete.isEmpty();
  }

  /** The Deployment with this plan's annotations merged in and its status replaced. */
  public Deployment applyTo(Deployment deployment) {
    Deployment result = deployment;
    if (!deploymentAnnotations.isEmpty()) {
      Map<String, String> annotations = new LinkedHashMap<>(deployment.metadata().annotationsOrEmpty());
      annotations.putAll(deploymentAnnotations);
      result = result.withMetadata(result.metadata().withAnnotations(annotations));
    }
    return result.withStatus(status);
  }
}
