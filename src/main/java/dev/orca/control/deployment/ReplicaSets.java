package dev.orca.control.deployment;

import dev.orca.control.Rfc3339;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** Counts and orders of a Deployment's ReplicaSets. */
final class ReplicaSets {
  /** Oldest first, then by name. */
  static final Comparator<ReplicaSet> BY_CREATION = Comparator
      .comparing((ReplicaSet rs) -> Rfc3339.parse(rs.metadata().creationTimestamp()).orElse(Instant.MAX))
      .thenComparing(rs -> rs.metadata().name());
  /** Lowest revision first, then oldest. */
  static final Comparator<ReplicaSet> BY_REVISION =
      Comparator.comparingLong(Revisions::of).thenComparing(BY_CREATION);

  private ReplicaSets() {}

  static String name(ReplicaSet rs) {
    return rs.metadata().name();
  }

  /** spec.replicas (defaulting to 1 as the API does). */
  static int specReplicas(ReplicaSet rs) {
    Integer value = rs.spec() == null ? null : rs.spec().replicas();
    return value == null ? 1 : value;
  }

  static boolean isActive(ReplicaSet rs) {
    return specReplicas(rs) > 0;
  }

  static int statusReplicas(ReplicaSet rs) {
    return status(rs, ReplicaSetStatus::replicas);
  }

  static int readyReplicas(ReplicaSet rs) {
    return status(rs, ReplicaSetStatus::readyReplicas);
  }

  /** status.availableReplicas as last reported. */
  static int reportedAvailable(ReplicaSet rs) {
    return status(rs, ReplicaSetStatus::availableReplicas);
  }

  /**
   * The available pods a rollout may count on: the reported number, but no more than spec
   * replicas. A ReplicaSet scaled down since its last report gives up its unavailable pods
   * first, so this is what it keeps even when the report is stale.
   */
  static int availableForRollout(ReplicaSet rs) {
    return Math.min(reportedAvailable(rs), Math.max(0, specReplicas(rs)));
  }

  static int sumSpec(Collection<ReplicaSet> replicaSets) {
    return replicaSets.stream().mapToInt(ReplicaSets::specReplicas).sum();
  }

  static int sum(Collection<ReplicaSet> replicaSets, ToIntFunction<ReplicaSet> count) {
    return replicaSets.stream().mapToInt(count).sum();
  }

  /** Whether the ReplicaSet controller has not yet seen its latest spec. */
  static boolean statusIsStale(ReplicaSet rs) {
    Long generation = rs.metadata().generation();
    Long observed = rs.status() == null ? null : rs.status().observedGeneration();
    return generation != null && (observed == null || observed < generation);
  }

  private static int status(ReplicaSet rs, Function<ReplicaSetStatus, Integer> field) {
    Integer value = rs.status() == null ? null : field.apply(rs.status());
    return value == null ? 0 : value;
  }
}
