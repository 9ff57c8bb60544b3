package dev.orca.chaos;

import java.time.Duration;

/**
 * One fault, concrete: its kind, what it aims at, and how long it lasts (zero for an instant
 * fault). The constructor checks that the target suits the kind and that a lasting fault lasts.
 */
public record Fault(FaultKind kind, FaultTarget target, Duration duration) {
  /** The longest a fault may last: a forgotten fault must not outlive a benchmark by much. */
  public static final Duration MAX_DURATION = Duration.ofHours(1);

  public Fault {
    if (kind == null) {
      throw new IllegalArgumentException("a fault kind is required (" + FaultKind.names() + ")");
    }
    if (target == null || target.type() != kind.target()) {
      throw new IllegalArgumentException(kind + " aims at a " + kind.target().name().toLowerCase()
          + (target == null ? ", but no target was given" : ", not at " + target.text()));
    }
    duration = duration == null ? Duration.ZERO : duration;
    if (kind.lasting() && (duration.isZero() || duration.isNegative())) {
      throw new IllegalArgumentException(kind + " lasts: give it a duration (for: 10s)");
    }
    if (!kind.lasting() && !duration.isZero()) {
      throw new IllegalArgumentException(kind + " is instant: it takes no duration");
    }
    if (duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("a fault lasts at most " + Durations.format(MAX_DURATION) + ", not "
          + Durations.format(duration));
    }
  }

  /** "stop-heartbeats node/sim-1 for 10s". */
  public String describe() {
    return kind + " " + target.text() + (duration.isZero() ? "" : " for " + Durations.format(duration));
  }
}
