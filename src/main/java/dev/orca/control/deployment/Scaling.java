package dev.orca.control.deployment;

import dev.orca.model.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change of the Deployment's replicas without a rollout step: the one active ReplicaSet (or
 * the newest) takes the whole count; during a rollout every active ReplicaSet is resized in
 * proportion to its share, so the rollout carries on from where it was.
 */
final class Scaling {
  /** Larger first; of equal size, newer first (they grow first). */
  private static final Comparator<ReplicaSet> BY_SIZE_NEWER = Comparator
      .comparingInt((ReplicaSet rs) -> ReplicaSets.specReplicas(rs)).reversed()
      .thenComparing(ReplicaSets.BY_CREATION.reversed());
  /** Larger first; of equal size, older first (they shrink first). */
  private static final Comparator<ReplicaSet> BY_SIZE_OLDER = Comparator
      .comparingInt((ReplicaSet rs) -> ReplicaSets.specReplicas(rs)).reversed()
      .thenComparing(ReplicaSets.BY_CREATION);

  private Scaling() {}

  /**
   * Whether the Deployment's replicas changed since its active ReplicaSets were last sized (their
   * desired-replicas annotation says otherwise).
   */
  static boolean isScalingEvent(RolloutState s) {
    String replicas = Integer.toString(DeploymentSpecs.replicas(s.deployment));
    return s.all().stream()
        .filter(ReplicaSets::isActive)
        .map(rs -> Revisions.annotation(rs, Revisions.DESIRED_REPLICAS))
        .anyMatch(desired -> desired != null && !desired.equals(replicas));
  }

  /** A sync that only scales: the new ReplicaSet is not created. */
  static void sync(RolloutState s) {
    NewReplicaSet.sync(s);
    scale(s);
  }

  static void scale(RolloutState s) {
    int replicas = DeploymentSpecs.replicas(s.deployment);
    Optional<ReplicaSet> newRS = s.newRS();
    List<ReplicaSet> oldRSs = s.oldRSs();
    Optional<ReplicaSet> activeOrLatest = activeOrLatest(newRS, oldRSs);
    if (activeOrLatest.isPresent()) {
      s.scaleIfChanged(ReplicaSets.name(activeOrLatest.get()), replicas);
      return;
    }
    if (newRS.isPresent() && isSaturated(s, newRS.get())) {
      for (ReplicaSet old : oldRSs) {
        if (ReplicaSets.isActive(old)) {
          s.scaleIfChanged(ReplicaSets.name(old), 0);
        }
      }
      return;
    }
    if (DeploymentSpecs.isRollingUpdate(s.deployment)) {
      scaleProportionally(s);
    }
  }

  private static void scaleProportionally(RolloutState s) {
    int replicas = DeploymentSpecs.replicas(s.deployment);
    List<ReplicaSet> active = new ArrayList<>(s.all().stream().filter(ReplicaSets::isActive).toList());
    int allowed = replicas > 0 ? replicas + DeploymentSpecs.maxSurge(s.deployment) : 0;
    int toAdd = allowed - ReplicaSets.sumSpec(active);
    if (toAdd > 0) {
      active.sort(BY_SIZE_NEWER);
    } else if (toAdd < 0) {
      active.sort(BY_SIZE_OLDER);
    }
    Map<String, Integer> sizes = new LinkedHashMap<>();
    int added = 0;
    for (ReplicaSet rs : active) {
      int proportion = toAdd == 0 ? 0 : proportion(s, rs, toAdd, added);
      sizes.put(ReplicaSets.name(rs), ReplicaSets.specReplicas(rs) + proportion);
      added += proportion;
    }
    for (int i = 0; i < active.size(); i++) {
      String name = ReplicaSets.name(active.get(i));
      int size = sizes.get(name);
      if (i == 0 && toAdd != 0) {
        size = Math.max(0, size + toAdd - added); // the rounding leftover goes to the largest
      }
      s.scale(name, size);
    }
  }

  /** This ReplicaSet's share of {@code toAdd}, never past what is left to add (or remove). */
  private static int proportion(RolloutState s, ReplicaSet rs, int toAdd, int added) {
    if (ReplicaSets.specReplicas(rs) == 0 || toAdd == added) {
      return 0;
    }
    int fraction = fraction(s, rs);
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  /**
   * How much this ReplicaSet grows or shrinks when the Deployment's replicas + maxSurge moves
   * from the value stamped on it (max-replicas) to today's.
   */
  private static int fraction(RolloutState s, ReplicaSet rs) {
    int replicas = DeploymentSpecs.replicas(s.deployment);
    int size = ReplicaSets.specReplicas(rs);
    if (replicas == 0) {
      return -size;
    }
    int maxNow = replicas + DeploymentSpecs.maxSurge(s.deployment);
    long maxBefore = Revisions.parse(Revisions.annotation(rs, Revisions.MAX_REPLICAS));
    if (maxBefore <= 0) {
      return 0;
    }
    return (int) Math.round((double) size * maxNow / maxBefore) - size;
  }

  /**
   * The ReplicaSet that should hold every replica when at most one is active: the active one,
   * else the new one, else the newest old one; empty when several are active.
   */
  private static Optional<ReplicaSet> activeOrLatest(Optional<ReplicaSet> newRS, List<ReplicaSet> oldRSs) {
    List<ReplicaSet> all = new ArrayList<>(oldRSs);
    newRS.ifPresent(all::add);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    List<ReplicaSet> active = all.stream().filter(ReplicaSets::isActive).toList();
    if (active.size() == 1) {
      return Optional.of(active.get(0));
    }
    if (!active.isEmpty()) {
      return Optional.empty();
    }
    return newRS.isPresent() ? newRS : oldRSs.stream().max(ReplicaSets.BY_CREATION);
  }

  /** The new ReplicaSet already runs the Deployment's full count, all available. */
  private static boolean isSaturated(RolloutState s, ReplicaSet rs) {
    int replicas = DeploymentSpecs.replicas(s.deployment);
    return Integer.toString(replicas).equals(Revisions.annotation(rs, Revisions.DESIRED_REPLICAS))
        && ReplicaSets.specReplicas(rs) == replicas
        && ReplicaSets.reportedAvailable(rs) == replicas;
  }
}
