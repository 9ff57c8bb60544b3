package dev.orca.control;

import java.time.Duration;

/**
 * How long an entity waits before it reconciles again after being asked to. A reconcile is
 * level-triggered: it reads everything it controls (a ReplicaSet all its pods), so its cost grows
 * with its size, and a large owner is asked again on every change of every child. Waiting a
 * multiple of what the last reconcile cost bounds the share of a core one entity's loop can take
 * ({@code share}: 0.05 leaves a reconcile of 4 ms 76 ms of quiet after it), while a small owner
 * still answers within the base debounce. Changes that arrive meanwhile are taken in one pass, as
 * kube-controller-manager's work queue folds repeated keys.
 *
 * <p>Many large owners together could still take every core, so the JVM's reconciles share a
 * budget too ({@code jvmShare} of one core): while they use more ({@link ReconcileLoad}), every
 * entity's share shrinks in proportion — the controller-manager's few sync workers, by time.
 */
public record ReconcilePacing(Duration debounce, double share, double jvmShare, Duration max) {

  public ReconcilePacing {
    if (share <= 0 || share > 1) {
      throw new IllegalArgumentException("share must be within (0, 1]: " + share);
    }
    if (jvmShare <= 0) {
      throw new IllegalArgumentException("jvmShare must be positive: " + jvmShare);
    }
    if (max.compareTo(debounce) < 0) {
      throw new IllegalArgumentException("max " + max + " is below the debounce " + debounce);
    }
  }

  /**
   * The wait before the next reconcile, after one that took {@code lastCostNanos}, while the
   * JVM's reconciles use {@code jvmLoad} of a core.
   */
  public Duration delay(long lastCostNanos, double jvmLoad) {
    double s = jvmLoad > jvmShare ? share * jvmShare / jvmLoad : share;
    long quietNanos = (long) (Math.max(0, lastCostNanos) * (1 / s - 1));
    long nanos = Math.min(max.toNanos(), Math.max(debounce.toNanos(), quietNanos));
    return Duration.ofNanos(nanos);
  }
}
