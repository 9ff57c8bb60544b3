package dev.orca.control.replicaset;

import dev.orca.model.LabelSelector;
import dev.orca.model.LabelSelectors;
import dev.orca.model.Pod;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A ReplicaSet's status as observed from its pods. */
public final class ReplicaSetStatuses {
  private ReplicaSetStatuses() {}

  /**
   * The status for the observed pods (before this sync's creates and deletes, as Kubernetes
   * reports it): replicas counts the active pods; conditions are kept from the previous status.
   */
  public static ReplicaSetStatus observe(ReplicaSet rs, List<Pod> ownedPods, Instant now) {
    int minReadySeconds = minReadySeconds(rs);
    LabelSelector templateLabels = new LabelSelector(templateLabels(rs), null);
    int replicas = 0;
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (Pod pod : ownedPods) {
      if (!Pods.isActive(pod)) {
        continue;
      }
      replicas++;
      if (LabelSelectors.matches(templateLabels, pod.metadata() == null ? null : pod.metadata().labels())) {
        fullyLabeled++;
      }
      if (Pods.isReady(pod)) {
        ready++;
      }
      if (Pods.isAvailable(pod, minReadySeconds, now)) {
        available++;
      }
    }
    return new ReplicaSetStatus(
        replicas,
        fullyLabeled,
        ready,
        available,
        rs.metadata() == null ? null : rs.metadata().generation(),
        rs.status() == null ? null : rs.status().conditions());
  }

  /**
   * When the next ready pod turns available (minReadySeconds after it became ready), so the
   * caller can look again then; empty when no pod is waiting for that.
   */
  public static Optional<Duration> nextAvailabilityCheck(ReplicaSet rs, List<Pod> ownedPods, Instant now) {
    int minReadySeconds = minReadySeconds(rs);
    if (minReadySeconds <= 0) {
      return Optional.empty();
    }
    return ownedPods.stream()
        .filter(Pods::isActive)
        .filter(p -> !Pods.isAvailable(p, minReadySeconds, now))
        .map(Pods::readySince)
        .flatMap(Optional::stream)
        .map(t -> Duration.between(now, t.plusSeconds(minReadySeconds)).plusSeconds(1))
        .map(d -> d.isNegative() ? Duration.ZERO : d)
        .min(Duration::compareTo);
  }

  static int minReadySeconds(ReplicaSet rs) {
    Integer value = rs.spec() == null ? null : rs.spec().minReadySeconds();
    return value == null ? 0 : value;
  }

  private static Map<String, String> templateLabels(ReplicaSet rs) {
    if (rs.spec() == null || rs.spec().template() == null || rs.spec().template().metadata() == null) {
      return Map.of();
    }
    return rs.spec().template().metadata().labelsOrEmpty();
  }
}
