package dev.orca.node;

import java.time.Duration;

/**
 * kubelet's restart backoff, pure: the first restart waits {@code min}, each next one twice as long
 * up to {@code max}; a container that ran for {@code reset} or longer before it ended starts again
 * from {@code min}. No jitter, so the delay a status names is the delay that happens.
 */
record CrashLoopBackOff(Duration min, Duration max, Duration reset) {

  /** The delay before the restart that follows {@code consecutive} earlier restarts in a row. */
  Duration delay(int consecutive) {
    Duration delay = min;
    for (int i = 0; i < consecutive && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /** Whether a container that ran this long before it ended has earned a fresh backoff. */
  boolean resets(Duration ranFor) {
    return ranFor != null && ranFor.compareTo(reset) >= 0;
  }

  /** A duration as Go prints one ({@code 200ms}, {@code 1.6s}, {@code 40s}, {@code 5m0s}), as kubelet's messages do. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    long hours = ms / 3_600_000;
    long minutes = ms % 3_600_000 / 60_000;
    long millis = ms % 60_000;
    String seconds = millis % 1000 == 0 ? Long.toString(millis / 1000)
        : (millis / 1000) + "." + String.format("%03d", millis % 1000).replaceAll("0+$", "");
    if (hours > 0) {
      return hours + "h" + minutes + "m" + seconds + "s";
    }
    if (minutes > 0) {
      return minutes + "m" + seconds + "s";
    }
    return seconds + "s";
  }
}
