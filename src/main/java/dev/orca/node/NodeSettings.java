package dev.orca.node;

import com.typesafe.config.Config;
import dev.orca.store.ObjectKey;
import java.time.Duration;

/**
 * How node agents behave, from {@code orca.node}, {@code orca.runtime} and {@code orca.simulated-node}
 * (and the time a worker waits for its claim of a node to be answered: {@code orca.control.ask-timeout}).
 */
public record NodeSettings(
    Duration heartbeatInterval,
    Duration resyncInterval,
    Duration simulatedStartDelay,
    Duration restartBackoffMin,
    Duration restartBackoffMax,
    Duration restartBackoffReset,
    String cpu,
    String memory,
    int pods,
    java.util.List<dev.orca.model.Taint> simulatedTaints,
    Duration metricsInterval,
    String simulatedNamePrefix,
    Duration claimTimeout,
    Duration claimRetryMin,
    Duration claimRetryMax) {

  public static NodeSettings from(Config config) {
    return new NodeSettings(
        config.getDuration("orca.node.heartbeat-interval"),
        config.getDuration("orca.node.resync-interval"),
        config.getDuration("orca.runtime.simulated-start-delay"),
        config.getDuration("orca.runtime.restart-backoff-min"),
        config.getDuration("orca.runtime.restart-backoff-max"),
        config.getDuration("orca.runtime.restart-backoff-reset"),
        config.getString("orca.simulated-node.cpu"),
        config.getString("orca.simulated-node.memory"),
        config.getInt("orca.simulated-node.pods"),
        taints(config.getString("orca.simulated-node.taint")),
        config.getDuration("orca.metrics.interval"),
        config.getString("orca.simulated-node.name-prefix"),
        config.getDuration("orca.control.ask-timeout"),
        config.getDuration("orca.node.claim-retry-min"),
        config.getDuration("orca.node.claim-retry-max"));
  }

  /** {@code key=value:Effect} (or {@code key:Effect}) as one taint; empty for none. */
  static java.util.List<dev.orca.model.Taint> taints(String spec) {
    if (spec == null || spec.isBlank()) {
      return java.util.List.of();
    }
    int colon = spec.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("orca.simulated-node.taint must be key=value:Effect, not " + spec);
    }
    String keyValue = spec.substring(0, colon);
    int eq = keyValue.indexOf('=');
    return java.util.List.of(new dev.orca.model.Taint(eq < 0 ? keyValue : keyValue.substring(0, eq),
        eq < 0 ? null : keyValue.substring(eq + 1), spec.substring(colon + 1), null));
  }

  /** A stable, fake pod address for a simulated pod (10.244.0.0/16). */
  public String podIp(ObjectKey pod) {
    int h = pod.persistenceId().hashCode() & 0xffff;
    return "10.244." + (h >> 8) + "." + Math.max(1, h & 0xff);
  }
}
