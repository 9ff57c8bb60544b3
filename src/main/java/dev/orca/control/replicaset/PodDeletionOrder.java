package dev.orca.control.replicaset;

import dev.orca.model.Pod;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Which pods a ReplicaSet gives up first when it has too many, Kubernetes' ActivePods order: the
 * first pods are the cheapest to lose.
 *
 * <ol>
 *   <li>unscheduled before scheduled;
 *   <li>Pending before Unknown before Running;
 *   <li>not ready before ready;
 *   <li>ready for a shorter time before ready for longer;
 *   <li>more container restarts before fewer;
 *   <li>newer before older;
 * </ol>
 *
 * and by name last, so the order is total. An unknown time sorts as the newest.
 */
public final class PodDeletionOrder implements Comparator<Pod> {
  public static final PodDeletionOrder INSTANCE = new PodDeletionOrder();

  private static final Map<String, Integer> PHASE_RANK = Map.of(Pods.PENDING, 0, Pods.UNKNOWN, 1, Pods.RUNNING, 2);

  private PodDeletionOrder() {}

  @Override
  public int compare(Pod a, Pod b) {
    boolean scheduledA = Pods.isScheduled(a);
    if (scheduledA != Pods.isScheduled(b)) {
      return scheduledA ? 1 : -1;
    }
    int phase = Integer.compare(phaseRank(a), phaseRank(b));
    if (phase != 0) {
      return phase;
    }
    boolean readyA = Pods.isReady(a);
    if (readyA != Pods.isReady(b)) {
      return readyA ? 1 : -1;
    }
    if (readyA) {
      int readyFor = laterFirst(Pods.readySince(a), Pods.readySince(b));
      if (readyFor != 0) {
        return readyFor;
      }
    }
    int restarts = Integer.compare(Pods.maxRestarts(b), Pods.maxRestarts(a));
    if (restarts != 0) {
      return restarts;
    }
    int age = laterFirst(Pods.createdAt(a), Pods.createdAt(b));
    if (age != 0) {
      return age;
    }
    return Comparator.<String>nullsFirst(Comparator.naturalOrder()).compare(Pods.name(a), Pods.name(b));
  }

  private static int phaseRank(Pod pod) {
    String phase = Pods.phase(pod);
    return phase == null ? 0 : PHASE_RANK.getOrDefault(phase, 0);
  }

  /** Unknown first, then the later instant first. */
  private static int laterFirst(Optional<Instant> a, Optional<Instant> b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() ? -1 : 1;
    }
    return b.get().compareTo(a.get());
  }
}
