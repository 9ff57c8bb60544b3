package dev.orca.control.deployment;

import dev.orca.model.Deployment;
import dev.orca.model.DeploymentStatus;
import dev.orca.model.ReplicaSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Deployment controller's decision: which ReplicaSets to create, resize and delete so the
 * pods move to the current template by the chosen strategy, and the Deployment's status.
 *
 * <p>A pure function of the Deployment and its ReplicaSets with their last reported statuses;
 * level-triggered, one rollout step per call. The caller applies the plan (see
 * {@link DeploymentPlan}) and calls again whenever the Deployment or one of its ReplicaSets
 * changes, and on a timer.
 */
public final class DeploymentReconciler {
  private DeploymentReconciler() {}

  /** What this sync does. */
  private enum Mode { PAUSED, SCALE, RECREATE, ROLLING_UPDATE }

  /**
   * @param owned the ReplicaSets whose controller owner reference is this Deployment (by uid),
   *     each with its status as last reported
   */
  public static DeploymentPlan reconcile(Deployment d, List<ReplicaSet> owned, Instant now) {
    RolloutState s = new RolloutState(d, owned, now);
    if (d.metadata().isDeleting()) {
      NewReplicaSet.find(s).ifPresent(s::putNew);
      return s.plan(Progress.observe(s), Optional.empty());
    }
    Paused.recordCondition(s);
    DeploymentStatus status = switch (mode(s)) {
      case PAUSED -> {
        Paused.sync(s);
        yield Progress.observe(s);
      }
      case SCALE -> {
        Scaling.sync(s);
        yield Progress.observe(s);
      }
      case RECREATE -> {
        Recreate.rollout(s);
        yield Progress.rollout(s);
      }
      case ROLLING_UPDATE -> {
        RollingUpdate.rollout(s);
        yield Progress.rollout(s);
      }
    };
    return s.plan(status, Progress.recheckAfter(s, status));
  }

  private static Mode mode(RolloutState s) {
    if (DeploymentSpecs.paused(s.deployment)) {
      return Mode.PAUSED;
    }
    if (Scaling.isScalingEvent(s)) {
      return Mode.SCALE;
    }
    return DeploymentSpecs.isRecreate(s.deployment) ? Mode.RECREATE : Mode.ROLLING_UPDATE;
  }
}
