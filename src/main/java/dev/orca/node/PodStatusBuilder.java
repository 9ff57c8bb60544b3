package dev.orca.node;

import dev.orca.model.ContainerState;
import dev.orca.model.ContainerStateRunning;
import dev.orca.model.ContainerStateTerminated;
import dev.orca.model.ContainerStateWaiting;
import dev.orca.model.ContainerStatus;
import dev.orca.model.Pod;
import dev.orca.model.PodCondition;
import dev.orca.model.PodStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The kubelet's view of a pod, computed from its containers' states. Pure. */
final class PodStatusBuilder {
  /** The reason of a container killed for using more memory than its limit. */
  static final String OOM_KILLED = "OOMKilled";

  private PodStatusBuilder() {}

  /** A running container; its restart count and last termination carry over from before. */
  static ContainerStatus running(ContainerStatus previous, String name, String image, String id, Instant startedAt) {
    return running(previous, name, image, id, startedAt, true);
  }

  static ContainerStatus running(ContainerStatus previous, String name, String image, String id, Instant startedAt,
      boolean ready) {
    int restarts = previous == null || previous.restartCount() == null ? 0 : previous.restartCount();
    return new ContainerStatus(name, new ContainerState(null, new ContainerStateRunning(startedAt.toString()), null),
        previous == null ? null : previous.lastState(), ready, restarts, image, image, id, true);
  }

  /** The same container status with another readiness. */
  static ContainerStatus withReady(ContainerStatus s, boolean ready) {
    return new ContainerStatus(s.name(), s.state(), s.lastState(), ready, s.restartCount(), s.image(), s.imageID(),
        s.containerID(), s.started());
  }

  /** A container that could not start: waiting, with the runtime's reason and message. */
  static ContainerStatus waiting(ContainerStatus previous, String name, String image, String reason, String message) {
    int restarts = previous == null || previous.restartCount() == null ? 0 : previous.restartCount();
    return new ContainerStatus(name, new ContainerState(new ContainerStateWaiting(reason, message), null, null),
        previous == null ? null : previous.lastState(), false, restarts, image, image, null, false);
  }

  /**
   * A container whose run ended: terminated, or — when {@code backOffMessage} is not null, it runs
   * again after a backoff — waiting in CrashLoopBackOff with that message and the run as its last state.
   */
  static ContainerStatus terminated(ContainerStatus previous, String name, String image, int exitCode, Instant at,
      String backOffMessage) {
    return terminated(previous, name, image, exitCode, null, at, backOffMessage);
  }

  /**
   * A container whose run ended, with the runtime's reason (OOMKilled) or null: then kube's by the
   * exit code, Completed for 0, Error otherwise.
   */
  static ContainerStatus terminated(ContainerStatus previous, String name, String image, int exitCode, String reason,
      Instant at, String backOffMessage) {
    int restarts = previous == null || previous.restartCount() == null ? 0 : previous.restartCount();
    String startedAt = previous != null && previous.state() != null && previous.state().running() != null
        ? previous.state().running().startedAt() : null;
    ContainerState ended = new ContainerState(null, null, new ContainerStateTerminated(exitCode,
        reason != null ? reason : exitCode == 0 ? "Completed" : "Error", null, startedAt, at.toString()));
    if (backOffMessage != null) {
      return new ContainerStatus(name, new ContainerState(new ContainerStateWaiting("CrashLoopBackOff",
          backOffMessage), null, null), ended, false, restarts + 1, image, image,
          previous == null ? null : previous.containerID(), false);
    }
    return new ContainerStatus(name, ended, previous == null ? null : previous.lastState(), false, restarts, image,
        image, previous == null ? null : previous.containerID(), false);
  }

  /** Phase, conditions and container statuses of a pod on a node. */
  static PodStatus build(Pod pod, Map<String, ContainerStatus> containers, String hostIp, String podIp,
      Instant startTime, Instant now) {
    List<ContainerStatus> statuses = new ArrayList<>();
    pod.spec().containers().forEach(c -> {
      ContainerStatus s = containers.get(c.name());
      statuses.add(s != null ? s : new ContainerStatus(c.name(), new ContainerState(
          new ContainerStateWaiting("ContainerCreating", null), null, null), null, false, 0, c.image(), null, null, false));
    });
    boolean allReady = statuses.stream().allMatch(s -> Boolean.TRUE.equals(s.ready()));
    boolean allTerminated = statuses.stream().allMatch(s -> s.state() != null && s.state().terminated() != null);
    String phase;
    if (allTerminated) {
      boolean failed = statuses.stream().anyMatch(s -> !Objects.equals(s.state().terminated().exitCode(), 0));
      phase = failed ? "Failed" : "Succeeded";
    } else if (statuses.stream().anyMatch(s -> s.containerID() != null)) {
      phase = "Running";
    } else {
      phase = "Pending";
    }
    String ts = now.toString();
    String ready = allReady ? "True" : "False";
    List<PodCondition> conditions = List.of(
        new PodCondition("Initialized", "True", null, null, null, ts),
        new PodCondition("Ready", ready, allReady ? null : "ContainersNotReady", null, null, ts),
        new PodCondition("ContainersReady", ready, allReady ? null : "ContainersNotReady", null, null, ts),
        new PodCondition("PodScheduled", "True", null, null, null, ts));
    return new PodStatus(phase, keepTransitionTimes(pod.status(), conditions), null, null, hostIp, podIp,
        startTime.toString(), statuses);
  }

  /** A condition whose status did not change keeps its lastTransitionTime. */
  private static List<PodCondition> keepTransitionTimes(PodStatus previous, List<PodCondition> conditions) {
    if (previous == null || previous.conditions() == null) {
      return conditions;
    }
    List<PodCondition> out = new ArrayList<>();
    for (PodCondition c : conditions) {
      PodCondition old = previous.conditions().stream().filter(p -> p.type().equals(c.type())).findFirst().orElse(null);
      out.add(old != null && Objects.equals(old.status(), c.status())
          ? new PodCondition(c.type(), c.status(), c.reason(), c.message(), c.lastProbeTime(), old.lastTransitionTime())
          : c);
    }
    return out;
  }
}
