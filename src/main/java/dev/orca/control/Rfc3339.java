package dev.orca.control;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The RFC 3339 timestamps API objects carry, at whole seconds as Kubernetes writes them. */
public final class Rfc3339 {
  private Rfc3339() {}

  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The instant, or empty when the text is absent or not a timestamp (treated as "zero time"). */
  public static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(Instant.parse(text));
      } catch (DateTimeParseException again) {
        return Optional.empty();
      }
    }
  }

  /**
   * A test of "earlier than {@code instant}" for many timestamps, such as every Event's at each
   * garbage-collection sweep: a canonical one (UTC at whole seconds, "2026-11-27T23:25:33Z", as
   * Orca writes them) is compared as text, without parsing — parsing 300,000 of them every 10 s
   * cost 2 % of the control plane's CPU; any other form is parsed. Absent or not a timestamp:
   * false.
   */
  public static java.util.function.Predicate<String> before(Instant instant) {
    Instant ceiling = instant.truncatedTo(ChronoUnit.SECONDS).equals(instant)
        ? instant : instant.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    String bound = format(ceiling); // a whole-second time is before the instant iff it is before its ceiling
    return text -> canonical(text) ? text.compareTo(bound) < 0 : parse(text).map(t -> t.isBefore(instant)).orElse(false);
  }

  private static boolean canonical(String text) {
    return text != null && text.length() == 20 && text.charAt(4) == '-' && text.charAt(10) == 'T'
        && text.charAt(19) == 'Z';
  }
}
