package dev.orca.node.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one of a probe's "seconds" lasts. Production uses {@link #REAL}; a test maps a second
 * to, say, 100 ms so that a period or a timeout (integer seconds in the Probe) runs quickly.
 */
public record ProbeTiming(Duration second) {

  /** One probe second is one second. */
  public static final ProbeTiming REAL = new ProbeTiming(Duration.ofSeconds(1));

  public ProbeTiming {
    Objects.requireNonNull(second, "second");
    if (second.isZero() || second.isNegative()) {
      throw new IllegalArgumentException("a probe second must be positive: " + second);
    }
  }

  /** A timing where one probe second lasts {@code second}. */
  public static ProbeTiming scaled(Duration second) {
    return new ProbeTiming(second);
  }

  /** {@code count} probe seconds. */
  public Duration seconds(long count) {
    return second.multipliedBy(count);
  }
}
