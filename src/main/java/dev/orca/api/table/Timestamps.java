package dev.orca.api.table;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps of API objects, read leniently: a missing or unreadable one is no time. */
final class Timestamps {
  private Timestamps() {}

  /** The instant, or null for null, blank or unparseable text. */
  static Instant parse(String rfc3339) {
    if (rfc3339 == null || rfc3339.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(rfc3339.trim()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** kube's {@code translateTimestampSince}: the age of a timestamp, {@code <unknown>} without one. */
  static String age(String rfc3339, Instant now) {
    return HumanDuration.since(parse(rfc3339), now);
  }
}
