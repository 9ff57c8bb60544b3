package dev.orca.control.deployment;

import dev.orca.control.Rfc3339;
import dev.orca.model.DeploymentCondition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A Deployment's conditions, kept as Kubernetes keeps them. */
final class Conditions {
  static final String AVAILABLE = "Available";
  static final String PROGRESSING = "Progressing";
  static final String REPLICA_FAILURE = "ReplicaFailure";

  static final String TRUE = "True";
  static final String FALSE = "False";
  static final String UNKNOWN = "Unknown";

  static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
  static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
  static final String NEW_RS_CREATED = "NewReplicaSetCreated";
  static final String FOUND_NEW_RS = "FoundNewReplicaSet";
  static final String RS_UPDATED = "ReplicaSetUpdated";
  static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String PAUSED = "DeploymentPaused";
  static final String RESUMED = "DeploymentResumed";

  private Conditions() {}

  static DeploymentCondition create(String type, String status, String reason, String message, Instant now) {
    String time = Rfc3339.format(now);
    return new DeploymentCondition(type, status, reason, message, time, time);
  }

  static Optional<DeploymentCondition> get(List<DeploymentCondition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst();
  }

  /**
   * Records the condition: nothing changes when one of its type already has the same status and
   * reason; a status that did not change keeps its lastTransitionTime.
   */
  static void set(List<DeploymentCondition> conditions, DeploymentCondition condition) {
    Optional<DeploymentCondition> current = get(conditions, condition.type());
    if (current.isPresent() && Objects.equals(current.get().status(), condition.status())
        && Objects.equals(current.get().reason(), condition.reason())) {
      return;
    }
    DeploymentCondition toSet = condition;
    if (current.isPresent() && Objects.equals(current.get().status(), condition.status())) {
      toSet = withTransitionTime(condition, current.get().lastTransitionTime());
    }
    remove(conditions, condition.type());
    conditions.add(toSet);
  }

  static void remove(List<DeploymentCondition> conditions, String type) {
    conditions.removeIf(c -> type.equals(c.type()));
  }

  static DeploymentCondition withTransitionTime(DeploymentCondition c, String lastTransitionTime) {
    return new DeploymentCondition(c.type(), c.status(), c.reason(), c.message(), c.lastUpdateTime(), lastTransitionTime);
  }
}
