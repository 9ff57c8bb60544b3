package dev.orca.control.deployment;

import dev.orca.model.Deployment;
import dev.orca.model.DeploymentSpec;
import dev.orca.model.DeploymentStrategy;
import dev.orca.model.IntOrString;
import dev.orca.model.RollingUpdateDeployment;
import java.util.Optional;

/** A Deployment's spec read with the API's defaults, and the rolling-update limits it implies. */
final class DeploymentSpecs {
  static final String RECREATE = "Recreate";
  static final String ROLLING_UPDATE = "RollingUpdate";
  private static final IntOrString DEFAULT_LIMIT = IntOrString.of("25%");

  private DeploymentSpecs() {}

  static int replicas(Deployment d) {
    Integer value = spec(d).replicas();
    return value == null ? 1 : Math.max(0, value);
  }

  static int minReadySeconds(Deployment d) {
    Integer value = spec(d).minReadySeconds();
    return value == null ? 0 : value;
  }

  static int revisionHistoryLimit(Deployment d) {
    Integer value = spec(d).revisionHistoryLimit();
    return value == null ? 10 : Math.max(0, value);
  }

  static boolean paused(Deployment d) {
    return Boolean.TRUE.equals(spec(d).paused());
  }

  /** The progress deadline in seconds; empty when progress is not tracked (MaxInt32). */
  static Optional<Integer> progressDeadlineSeconds(Deployment d) {
    Integer value = spec(d).progressDeadlineSeconds();
    int seconds = value == null ? 600 : value;
    return seconds == Integer.MAX_VALUE ? Optional.empty() : Optional.of(seconds);
  }

  static boolean isRecreate(Deployment d) {
    DeploymentStrategy strategy = spec(d).strategy();
    return strategy != null && RECREATE.equals(strategy.type());
  }

  static boolean isRollingUpdate(Deployment d) {
    return !isRecreate(d);
  }

  /** maxSurge as a count: a percentage of replicas rounded up; 0 for Recreate. */
  static int maxSurge(Deployment d) {
    return isRollingUpdate(d) ? fenceposts(d)[0] : 0;
  }

  /**
   * maxUnavailable as a count: a percentage of replicas rounded down, 1 when both limits come to
   * 0 (a rollout must be able to move), never more than replicas; 0 for Recreate.
   */
  static int maxUnavailable(Deployment d) {
    if (!isRollingUpdate(d) || replicas(d) == 0) {
      return 0;
    }
    return Math.min(fenceposts(d)[1], replicas(d));
  }

  private static int[] fenceposts(Deployment d) {
    RollingUpdateDeployment rolling = spec(d).strategy() == null ? null : spec(d).strategy().rollingUpdate();
    IntOrString surge = rolling == null || rolling.maxSurge() == null ? DEFAULT_LIMIT : rolling.maxSurge();
    IntOrString unavailable =
        rolling == null || rolling.maxUnavailable() == null ? DEFAULT_LIMIT : rolling.maxUnavailable();
    int total = replicas(d);
    int s = Math.max(0, surge.scaledValue(total, true));
    int u = Math.max(0, unavailable.scaledValue(total, false));
    if (s == 0 && u == 0) {
      u = 1;
    }
    return new int[] {s, u};
  }

  private static DeploymentSpec spec(Deployment d) {
    return d.spec();
  }
}
