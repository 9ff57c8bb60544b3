package dev.orca.node;

import dev.orca.model.LifecycleHandler;
import dev.orca.model.Pod;
import dev.orca.model.Probe;
import dev.orca.node.probe.ProbeResult;
import dev.orca.node.probe.ProbeTarget;
import dev.orca.node.probe.Probers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs a container's lifecycle hook with the node's probers, off the caller's thread: an exec hook
 * is a command with the container's environment and working directory, an httpGet hook a GET to
 * the pod IP, each bounded by the time left (for preStop, the termination grace period). A hook
 * fails as a probe does: a non-zero exit (its output as the message), a refused connection, a
 * status of 400 or more, a timeout.
 */
final class LifecycleHooks {
  private LifecycleHooks() {}

  static CompletionStage<ProbeResult> run(LifecycleHandler handler, ProbeTarget target, Duration timeout,
      Probers probers) {
    if (handler.exec() == null && handler.httpGet() == null) {
      return CompletableFuture.completedFuture(ProbeResult.failure("no handler"));
    }
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    Probe asProbe = new Probe(handler.exec(), handler.httpGet(), null, null, null, seconds, null, null);
    return probers.probe(asProbe, target);
  }

  /** kubelet's message for a failed hook (pkg/kubelet/lifecycle/handlers.go). */
  static String failureMessage(LifecycleHandler handler, String container, Pod pod, String error) {
    String podName = pod.metadata().name() + "_" + pod.metadata().namespace() + "(" + pod.metadata().uid() + ")";
    if (handler.exec() != null) {
      return "Exec lifecycle hook (" + handler.exec().command() + ") for Container \"" + container + "\" in Pod \""
          + podName + "\" failed - error: " + error;
    }
    String path = handler.httpGet() == null ? "" : handler.httpGet().path();
    return "HTTP lifecycle hook (" + path + ") for Container \"" + container + "\" in Pod \"" + podName
        + "\" failed - error: " + error;
  }
}
