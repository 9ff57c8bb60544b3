package dev.orca.control.deployment;

import dev.orca.model.DeploymentCondition;
import java.util.Optional;

/**
 * A paused Deployment: no new ReplicaSet and no rollout step, but a change of replicas still
 * resizes its ReplicaSets and old revisions are still cleaned up. Pausing and resuming are
 * recorded in the Progressing condition, so time spent paused does not count against the
 * progress deadline.
 */
final class Paused {
  private static final String PAUSED_MESSAGE = "Deployment is paused";
  private static final String RESUMED_MESSAGE = "Deployment is resumed";

  private Paused() {}

  static void sync(RolloutState s) {
    Scaling.sync(s);
    HistoryCleanup.cleanup(s);
  }

  /** Records a pause or resume in the Progressing condition (a timeout once reported stays). */
  static void recordCondition(RolloutState s) {
    if (DeploymentSpecs.progressDeadlineSeconds(s.deployment).isEmpty()) {
      return;
    }
    Optional<DeploymentCondition> progressing = Conditions.get(s.conditions, Conditions.PROGRESSING);
    String reason = progressing.map(DeploymentCondition::reason).orElse(null);
    if (Conditions.TIMED_OUT.equals(reason)) {
      return;
    }
    boolean pausedRecorded = Conditions.PAUSED.equals(reason);
    boolean paused = DeploymentSpecs.paused(s.deployment);
    if (paused && !pausedRecorded) {
      Conditions.set(s.conditions, Conditions.create(
          Conditions.PROGRESSING, Conditions.UNKNOWN, Conditions.PAUSED, PAUSED_MESSAGE, s.now));
    } else if (!paused && pausedRecorded) {
      Conditions.set(s.conditions, Conditions.create(
          Conditions.PROGRESSING, Conditions.UNKNOWN, Conditions.RESUMED, RESUMED_MESSAGE, s.now));
    }
  }
}
