package dev.orca.control.deployment;

import dev.orca.model.ReplicaSet;
import java.util.List;

/**
 * The RollingUpdate strategy: grow the new ReplicaSet while the total stays within replicas +
 * maxSurge, shrink old ones while the available pods stay at or above replicas − maxUnavailable.
 * One step per sync; the next sync looks at the statuses that step produced.
 */
final class RollingUpdate {
  private RollingUpdate() {}

  static void rollout(RolloutState s) {
    NewReplicaSet.sync(s);
    if (s.newRS().isEmpty()) {
      NewReplicaSet.create(s, scaleUpTarget(s, 0));
    }
    if (reconcileNewReplicaSet(s)) {
      return;
    }
    if (reconcileOldReplicaSets(s)) {
      return;
    }
    HistoryCleanup.cleanup(s);
  }

  /**
   * The new ReplicaSet's size after one scale-up step from {@code current}: as many more as the
   * surge allows, counting every ReplicaSet's spec.replicas, up to the Deployment's replicas.
   */
  static int scaleUpTarget(RolloutState s, int current) {
    int replicas = DeploymentSpecs.replicas(s.deployment);
    int maxTotal = replicas + DeploymentSpecs.maxSurge(s.deployment);
    int total = ReplicaSets.sumSpec(s.all());
    if (total >= maxTotal) {
      return current;
    }
    return current + Math.max(0, Math.min(maxTotal - total, replicas - current));
  }

  private static boolean reconcileNewReplicaSet(RolloutState s) {
    ReplicaSet newRS = s.newRS().orElseThrow();
    int replicas = DeploymentSpecs.replicas(s.deployment);
    int current = ReplicaSets.specReplicas(newRS);
    if (current == replicas) {
      return false;
    }
    if (current > replicas) {
      return s.scaleIfChanged(ReplicaSets.name(newRS), replicas);
    }
    return s.scaleIfChanged(ReplicaSets.name(newRS), scaleUpTarget(s, current));
  }

  private static boolean reconcileOldReplicaSets(RolloutState s) {
    List<ReplicaSet> activeOld = s.oldRSs().stream().filter(ReplicaSets::isActive).toList();
    if (ReplicaSets.sumSpec(activeOld) == 0) {
      return false;
    }
    ReplicaSet newRS = s.newRS().orElseThrow();
    int minAvailable = DeploymentSpecs.replicas(s.deployment) - DeploymentSpecs.maxUnavailable(s.deployment);
    int newUnavailable = ReplicaSets.specReplicas(newRS) - ReplicaSets.availableForRollout(newRS);
    // Surge pods already made may go, but not so many that the new ReplicaSet's pods still
    // coming up would leave fewer than minAvailable.
    int maxScaledDown = ReplicaSets.sumSpec(s.all()) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return false;
    }
    int cleaned = scaleDownUnhealthy(s, activeOld, maxScaledDown);
    int scaledDown = scaleDownAvailable(s, activeOld, minAvailable);
    return cleaned + scaledDown > 0;
  }

  /**
   * Removes old pods that are not available (they cannot lower availability), oldest
   * ReplicaSet first, at most {@code max} of them.
   */
  private static int scaleDownUnhealthy(RolloutState s, List<ReplicaSet> oldRSs, int max) {
    int total = 0;
    for (ReplicaSet snapshot : oldRSs) {
      if (total >= max) {
        break;
      }
      ReplicaSet rs = s.get(ReplicaSets.name(snapshot));
      int size = ReplicaSets.specReplicas(rs);
      int unhealthy = size - ReplicaSets.availableForRollout(rs);
      if (size == 0 || unhealthy <= 0) {
        continue;
      }
      int count = Math.min(max - total, unhealthy);
      s.scaleIfChanged(ReplicaSets.name(rs), size - count);
      total += count;
    }
    return total;
  }

  /** Removes available old pods while more than minAvailable pods are available, oldest first. */
  private static int scaleDownAvailable(RolloutState s, List<ReplicaSet> oldRSs, int minAvailable) {
    int available = ReplicaSets.sum(s.all(), ReplicaSets::availableForRollout);
    if (available <= minAvailable) {
      return 0;
    }
    int wanted = available - minAvailable;
    int total = 0;
    for (ReplicaSet snapshot : oldRSs) {
      if (total >= wanted) {
        break;
      }
      ReplicaSet rs = s.get(ReplicaSets.name(snapshot));
      int size = ReplicaSets.specReplicas(rs);
      if (size == 0) {
        continue;
      }
      int count = Math.min(size, wanted - total);
      s.scaleIfChanged(ReplicaSets.name(rs), size - count);
      total += count;
    }
    return total;
  }
}
