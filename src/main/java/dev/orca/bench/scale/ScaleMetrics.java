package dev.orca.bench.scale;

import java.util.Arrays;

/** The benchmark's arithmetic (pure): percentiles of latencies and the rate of a stream of events. */
final class ScaleMetrics {
  private ScaleMetrics() {}

  /** p50, p99 and max of {@code values} (any order; not changed), nearest rank; NaNs when empty. */
  record Percentiles(double p50, double p99, double max, int count) {
    static final Percentiles NONE = new Percentiles(Double.NaN, Double.NaN, Double.NaN, 0);
  }

  static Percentiles percentiles(double[] values) {
    if (values.length == 0) {
      return Percentiles.NONE;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
  }

  static double rank(double[] sorted, double q) {
    int r = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, r - 1))];
  }

  /**
   * Events per second: {@code sustained} over the middle 90 % of the events (from the 5th to the
   * 95th percentile of their times, so a slow start or a straggler does not count), {@code peak}
   * the most in any one-second window (aligned to the first event).
   */
  record Rate(double sustained, double peak) {}

  static Rate rate(double[] secondsAt) {
    if (secondsAt.length < 2) {
      return new Rate(Double.NaN, secondsAt.length);
    }
    double[] t = secondsAt.clone();
    Arrays.sort(t);
    int lo = (int) Math.floor(0.05 * (t.length - 1));
    int hi = (int) Math.ceil(0.95 * (t.length - 1));
    double span = t[hi] - t[lo];
    double sustained = span > 0 ? (hi - lo) / span : Double.NaN;
    int[] buckets = new int[(int) Math.floor(t[t.length - 1] - t[0]) + 1];
    for (double x : t) {
      buckets[(int) Math.floor(x - t[0])]++;
    }
    return new Rate(sustained, Arrays.stream(buckets).max().orElse(0));
  }

  /** Events per one-second bucket from 0 to the last event: a rate over time, for a plot. */
  static int[] perSecond(double[] secondsAt) {
    double last = Arrays.stream(secondsAt).max().orElse(0);
    int[] buckets = new int[(int) Math.floor(Math.max(0, last)) + 1];
    for (double x : secondsAt) {
      if (x >= 0) {
        buckets[(int) Math.floor(x)]++;
      }
    }
    return buckets;
  }
}
