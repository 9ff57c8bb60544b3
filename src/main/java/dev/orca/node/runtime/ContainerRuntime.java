package dev.orca.node.runtime;

import dev.orca.model.Container;
import dev.orca.model.Pod;
import java.util.concurrent.CompletionStage;

/** The CRI seam: starts a pod's container and tells when it ends. Implementations must not block the caller. */
public interface ContainerRuntime {

  /** Starts the container; completes when it is running. */
  CompletionStage<RunningContainer> start(Pod pod, Container container);

  /** A started container. */
  interface RunningContainer {
    String containerId();

    /** Completes with the exit code when the container ends, for whatever reason. */
    CompletionStage<Integer> exited();

    /** Asks the container to stop: SIGTERM, then SIGKILL after the grace period. */
    void stop(long gracePeriodSeconds);
  }
}
