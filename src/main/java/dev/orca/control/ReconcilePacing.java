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
 * budget too ({@code jvmShare} of one core): each second ({@link ReconcileLoad}) a JVM-wide factor
 * on every entity's share is corrected by budget / load — so with N owners reconciling flat out
 * the factor settles where N shares make the budget, as the controller-manager's few sync workers
 * bound it by their number.
 */
public record ReconcilePacing(Duration debounce, double share, double jvmShare, Duration max) {
  /** The factor never goes below this: even a crowd of owners each reconcile within {@code max}. */
  static final double MIN_SCALE = 0.001;

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
   * The wait before the next reconcile, after one that took {@code lastCostNanos}, with the JVM's
   * factor {@code scale} (1 while the JVM's reconciles are within budget) on the share.
   */
  public Duration delay(long lastCostNanos, double scale) {
    double s = share * Math.max(MIN_SCALE, Math.min(1, scale));
    long quietNanos = (long) (Math.max(0, lastCostNanos) * (1 / s - 1));
    long nanos = Math.min(max.toNanos(), Math.max(debounce.toNanos(), quietNanos));
    return Duration.ofNanos(nanos);
  }

  /**
   * The factor for the next second, after one in which the JVM's reconciles took {@code load} of
   * a core under factor {@code scale}: corrected by budget / load, at most doubling per second on
   * the way back up, never above 1.
   */
  public double nextScale(double scale, double load) {
    if (load <= 0) {
      return Math.min(1, scale * 2);
    }
    double next = Math.min(scale * jvmShare / load, scale * 2);
    return Math.max(MIN_SCALE, Math.min(1, next));
  }
}
