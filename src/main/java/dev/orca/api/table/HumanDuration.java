package dev.orca.api.table;

import java.time.Duration;
import java.time.Instant;

/**
 * Ages as kubectl shows them ({@code 45s}, {@code 3m2s}, {@code 5h}, {@code 2d5h}, {@code 400d},
 * {@code 2y70d}): the rules of apimachinery's {@code duration.HumanDuration}, about two
 * significant figures.
 */
public final class HumanDuration {
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  private HumanDuration() {}

  /**
   * A duration in kube's short form. Up to one second in the past counts as {@code 0s} (clock
   * skew); more than that is {@code <invalid>}.
   */
  public static String format(Duration d) {
    long nanos = saturatedNanos(d);
    long seconds = nanos / SECOND;
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = nanos / MINUTE;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = nanos / HOUR;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /** The time from {@code then} to {@code now}; {@code <unknown>} when there is no {@code then}. */
  public static String since(Instant then, Instant now) {
    return then == null ? "<unknown>" : format(Duration.between(then, now));
  }

  /** Go's durations are int64 nanoseconds and {@code Time.Sub} saturates; so does this. */
  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
