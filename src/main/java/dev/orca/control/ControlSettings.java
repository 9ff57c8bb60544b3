package dev.orca.control;

import com.typesafe.config.Config;
import java.time.Duration;

/** How the controllers pace themselves, from {@code orca.control} and {@code orca.node}. */
public record ControlSettings(
    Duration resyncInterval,
    ReconcilePacing reconcilePacing,
    Duration askTimeout,
    Duration nodeGracePeriod,
    Duration nodeEvictionDelay,
    Duration persistFailureBackoffMin,
    Duration persistFailureBackoffMax,
    Duration nodeGraceAfterStart,
    Duration deliveryRetry,
    Duration nodeEvictionAfterMemberDown,
    Duration nodeStartupGrace,
    Duration nodeStartupMemberWait,
    double nodeEvictionRate,
    double nodeSecondaryEvictionRate,
    double unhealthyZoneThreshold,
    int largeZoneSize) {

  public static ControlSettings from(Config config) {
    Config control = config.getConfig("orca.control");
    Config node = config.getConfig("orca.node");
    return new ControlSettings(
        control.getDuration("resync-interval"),
        new ReconcilePacing(control.getDuration("reconcile-debounce"), control.getDouble("reconcile-share"),
            control.getDouble("reconcile-jvm-share"), control.getDuration("reconcile-max-delay")),
        control.getDuration("ask-timeout"),
        node.getDuration("grace-period"),
        node.getDuration("eviction-delay"),
        control.getDuration("persist-failure-backoff.min"),
        control.getDuration("persist-failure-backoff.max"),
        node.hasPath("grace-after-start") ? node.getDuration("grace-after-start") : node.getDuration("grace-period"),
        control.getDuration("delivery-retry"),
        node.getDuration("eviction-delay-after-member-down"),
        node.getDuration("startup-grace"),
        node.getDuration("startup-member-wait"),
        node.getDouble("eviction-rate"),
        node.getDouble("secondary-eviction-rate"),
        node.getDouble("unhealthy-zone-threshold"),
        node.getInt("large-zone-size"));
  }
}
