package dev.orca.node.runtime;

import dev.orca.model.Container;
import dev.orca.model.Pod;
import java.util.concurrent.CompletionStage;

/** The CRI seam: starts a pod's container and tells when it ends. Implementations must not block the caller. */
public interface ContainerRuntime {

  /**
   * Starts the container; completes when it is running. A runtime that finds the container the
   * pod's status names still running (an agent restarted, its containers did not) adopts it.
   */
  CompletionStage<RunningContainer> start(Pod pod, Container container);

  /** The containers' output on this worker. */
  LogStore logs();

  /**
   * Whether containers of this runtime are probed and run their lifecycle hooks (simulated
   * containers only pretend, so they are not).
   */
  default boolean runsProbes() {
    return true;
  }

  /** The address the pod's containers are reached at, or null to let the node make one up (simulated pods). */
  default String podIp(Pod pod) {
    return null;
  }

  /**
   * What the containers of this runtime use now, or empty when the runtime does not measure (its
   * node then reports a fixed figure). May block for a while (it reads {@code /proc}): call it off
   * actor threads, and from one caller at a time (CPU use is the difference to the previous call).
   */
  default java.util.Optional<UsageSample> sampleUsage() {
    return java.util.Optional.empty();
  }

  /**
   * The command prefix that runs a program inside the pod's sandbox (its network namespace) —
   * for exec probes and hooks — or empty when the pod's processes share the node's. Never blocks.
   */
  default java.util.List<String> execPrefix(Pod pod) {
    return java.util.List.of();
  }

  /**
   * The pod's containers have all ended and it will not run here again (deleted, finished, or
   * moved away): release what the runtime holds for it (its sandbox and address, its files).
   * Must not block the caller.
   */
  default void podRemoved(Pod pod) {}

  /**
   * Chaos: makes the running containers of a pod ({@code container} null: all of them) end as a
   * crash would, not as a stop; returns how many it hit. Must not block the caller.
   */
  default int crash(String namespace, String pod, String container) {
    return 0;
  }

  /** Something the runtime noted while starting a container, for a Warning Event (kube's reason and message). */
  record Warning(String reason, String message) {}

  /** A started container. */
  interface RunningContainer {
    String containerId();

    /** When the container started (for an adopted container, when it first started). */
    java.time.Instant startedAt();

    /** Completes with the exit code when the container ends, for whatever reason. */
    CompletionStage<Integer> exited();

    /** Asks the container to stop: SIGTERM, then SIGKILL after the grace period. */
    void stop(long gracePeriodSeconds);

    /**
     * Once {@link #exited()} completed: the reason of the termination when the runtime knows better
     * than the exit code ({@code OOMKilled}), or null ({@code Completed} or {@code Error} by the code).
     */
    default String exitReason() {
      return null;
    }

    /** What was noted while starting it (envFrom keys skipped, say); each becomes a Warning Event. */
    default java.util.List<Warning> warnings() {
      return java.util.List.of();
    }

    /** SIGKILL now, no SIGTERM first: the grace period is over. */
    default void kill() {
      stop(0);
    }

    /**
     * The container's complete environment, for what runs in its context (an exec hook or probe);
     * empty when the runtime has none to give.
     */
    default java.util.Map<String, String> environment() {
      return java.util.Map.of();
    }

    /** The container's working directory (absolute), or null. */
    default String workingDirectory() {
      return null;
    }
  }
}
