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

  /** A started container. */
  interface RunningContainer {
    String containerId();

    /** When the container started (for an adopted container, when it first started). */
    java.time.Instant startedAt();

    /** Completes with the exit code when the container ends, for whatever reason. */
    CompletionStage<Integer> exited();

    /** Asks the container to stop: SIGTERM, then SIGKILL after the grace period. */
    void stop(long gracePeriodSeconds);

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
