package dev.orca.chaos;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in scenarios and on the command line: {@code 500ms}, {@code 10s},
 * {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 1m30s}; millisecond precision.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private Durations() {}

  /** Parses a duration; throws IllegalArgumentException with a message that says what is wanted. */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a duration is required (say 10s, 500ms, 2m)");
    }
    String s = text.strip();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("invalid duration '" + text + "' (say 10s, 500ms, 2m or 1m30s)");
      }
      java.math.BigDecimal unit = java.math.BigDecimal.valueOf(switch (m.group(2)) {
        case "ms" -> 1L;
        case "s" -> 1000L;
        case "m" -> 60_000L;
        default -> 3_600_000L;
      });
      java.math.BigDecimal millis = new java.math.BigDecimal(m.group(1)).multiply(unit);
      if (millis.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
        throw new IllegalArgumentException("invalid duration '" + text + "': too large (say 10s, 2m or 1h)");
      }
      total = total.plusMillis(millis.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
      at = m.end();
    }
    return total;
  }

  /** A form {@link #parse} reads back: 500ms, 1.5s, 10s, 2m, 1m30s, 2m5.3s. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms % 1000 != 0) {
      String seconds = java.math.BigDecimal.valueOf(ms % 60_000, 3).stripTrailingZeros().toPlainString() + "s";
      return ms >= 60_000 ? (ms / 60_000) + "m" + seconds : seconds;
    }
    long s = ms / 1000;
    if (s % 3600 == 0) {
      return (s / 3600) + "h";
    }
    if (s % 60 != 0 || s < 60) {
      return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }
    return (s / 60) + "m";
  }
}
