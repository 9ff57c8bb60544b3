package dev.orca.control.replicaset;

import dev.orca.control.Rfc3339;
import dev.orca.model.ContainerStatus;
import dev.orca.model.Pod;
import dev.orca.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a ReplicaSet needs to know about one pod: is it live, ready, available. */
public final class Pods {
  public static final String PENDING = "Pending";
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String UNKNOWN = "Unknown";

  private Pods() {}

  public static String phase(Pod pod) {
    return pod.status() == null ? null : pod.status().phase();
  }

  /** Succeeded or Failed: the pod will never run again. */
  public static boolean isTerminal(Pod pod) {
    String phase = phase(pod);
    return SUCCEEDED.equals(phase) || FAILED.equals(phase);
  }

  public static boolean isDeleting(Pod pod) {
    return pod.metadata() != null && pod.metadata().isDeleting();
  }

  /** Counts towards a ReplicaSet's replicas: neither terminal nor being deleted. */
  public static boolean isActive(Pod pod) {
    return !isTerminal(pod) && !isDeleting(pod);
  }

  public static boolean isScheduled(Pod pod) {
    return pod.spec() != null && pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty();
  }

  public static Optional<PodCondition> readyCondition(Pod pod) {
    return Optional.ofNullable(ready(pod));
  }

  /** The pod's Ready condition, or null; without a stream, as ReplicaSets of thousands ask it of every pod. */
  private static PodCondition ready(Pod pod) {
    if (pod.status() == null || pod.status().conditions() == null) {
      return null;
    }
    List<PodCondition> conditions = pod.status().conditions();
    for (int i = 0; i < conditions.size(); i++) {
      if ("Ready".equals(conditions.get(i).type())) {
        return conditions.get(i);
      }
    }
    return null;
  }

  public static boolean isReady(Pod pod) {
    PodCondition ready = ready(pod);
    return ready != null && "True".equals(ready.status());
  }

  /** When the pod last became ready; empty when it is not ready or the time is unknown. */
  public static Optional<Instant> readySince(Pod pod) {
    return isReady(pod) ? readyCondition(pod).flatMap(c -> Rfc3339.parse(c.lastTransitionTime())) : Optional.empty();
  }

  /**
   * Ready for at least {@code minReadySeconds}. As in Kubernetes, with minReadySeconds > 0 a ready
   * pod whose Ready transition time is unknown is not available.
   */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (!isReady(pod)) {
      return false;
    }
    if (minReadySeconds <= 0) {
      return true;
    }
    return readySince(pod).map(t -> t.plus(Duration.ofSeconds(minReadySeconds)).isBefore(now)).orElse(false);
  }

  /** The highest restart count among the pod's containers. */
  public static int maxRestarts(Pod pod) {
    if (pod.status() == null || pod.status().containerStatuses() == null) {
      return 0;
    }
    return pod.status().containerStatuses().stream()
        .map(ContainerStatus::restartCount)
        .filter(c -> c != null)
        .mapToInt(Integer::intValue)
        .max()
        .orElse(0);
  }

  public static Optional<Instant> createdAt(Pod pod) {
    return pod.metadata() == null ? Optional.empty() : Rfc3339.parse(pod.metadata().creationTimestamp());
  }

  public static String name(Pod pod) {
    return pod.metadata() == null ? null : pod.metadata().name();
  }
}
