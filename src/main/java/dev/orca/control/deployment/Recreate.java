package dev.orca.control.deployment;

import dev.orca.model.ReplicaSet;

/**
 * The Recreate strategy: scale every old ReplicaSet to zero, wait until their pods are gone (their
 * status.replicas is 0), and only then create and scale up the new ReplicaSet. Old and new pods
 * never run together.
 */
final class Recreate {
  private Recreate() {}

  static void rollout(RolloutState s) {
    NewReplicaSet.sync(s);
    boolean scaledDown = false;
    for (ReplicaSet old : s.oldRSs()) {
      if (ReplicaSets.isActive(old)) {
        scaledDown |= s.scaleIfChanged(ReplicaSets.name(old), 0);
      }
    }
    if (scaledDown || oldPodsRunning(s)) {
      return;
    }
    int replicas = DeploymentSpecs.replicas(s.deployment);
    if (s.newRS().isEmpty()) {
      NewReplicaSet.create(s, replicas);
    } else {
      s.scaleIfChanged(ReplicaSets.name(s.newRS().get()), replicas);
    }
    if (Progress.isComplete(s.deployment, s.previousStatus())) {
      HistoryCleanup.cleanup(s);
    }
  }

  private static boolean oldPodsRunning(RolloutState s) {
    return s.oldRSs().stream().anyMatch(rs -> ReplicaSets.statusReplicas(rs) > 0);
  }
}
