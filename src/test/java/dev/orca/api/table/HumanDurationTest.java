package dev.orca.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

  private static String h(Duration d) {
    return HumanDuration.format(d);
  }

  @Test
  void secondsUpToTwoMinutes() {
    assertEquals("0s", h(Duration.ZERO));
    assertEquals("0s", h(Duration.ofMillis(999)));
    assertEquals("1s", h(Duration.ofMillis(1999)));
    assertEquals("59s", h(Duration.ofSeconds(59)));
    assertEquals("60s", h(Duration.ofMinutes(1)));
    assertEquals("61s", h(Duration.ofSeconds(61)));
    assertEquals("119s", h(Duration.ofSeconds(119)));
  }

  @Test
  void minutesWithSecondsBelowTenMinutes() {
    assertEquals("2m", h(Duration.ofSeconds(120)));
    assertEquals("3m2s", h(Duration.ofSeconds(182)));
    assertEquals("5m", h(Duration.ofMinutes(5)));
    assertEquals("9m59s", h(Duration.ofSeconds(599)));
  }

  @Test
  void wholeMinutesBelowThreeHours() {
    assertEquals("10m", h(Duration.ofMinutes(10)));
    assertEquals("10m", h(Duration.ofSeconds(659)));
    assertEquals("90m", h(Duration.ofMinutes(90)));
    assertEquals("179m", h(Duration.ofMinutes(179).plusSeconds(59)));
  }

  @Test
  void hoursWithMinutesBelowEightHours() {
    assertEquals("3h", h(Duration.ofHours(3)));
    assertEquals("3h5m", h(Duration.ofMinutes(185)));
    assertEquals("7h59m", h(Duration.ofMinutes(479)));
  }

  @Test
  void wholeHoursBelowTwoDays() {
    assertEquals("8h", h(Duration.ofHours(8)));
    assertEquals("8h", h(Duration.ofMinutes(8 * 60 + 59)));
    assertEquals("47h", h(Duration.ofHours(47)));
  }

  @Test
  void daysWithHoursBelowEightDays() {
    assertEquals("2d", h(Duration.ofDays(2)));
    assertEquals("2d5h", h(Duration.ofHours(53)));
    assertEquals("7d23h", h(Duration.ofHours(191)));
  }

  @Test
  void wholeDaysBelowTwoYears() {
    assertEquals("8d", h(Duration.ofDays(8)));
    assertEquals("8d", h(Duration.ofHours(8 * 24 + 23)));
    assertEquals("400d", h(Duration.ofDays(400)));
    assertEquals("729d", h(Duration.ofDays(729)));
  }

  @Test
  void yearsWithDaysBelowEightYearsThenYears() {
    assertEquals("2y", h(Duration.ofDays(730)));
    assertEquals("2y70d", h(Duration.ofDays(800)));
    assertEquals("7y364d", h(Duration.ofDays(365 * 8 - 1)));
    assertEquals("8y", h(Duration.ofDays(365 * 8)));
    assertEquals("30y", h(Duration.ofDays(365 * 30 + 100)));
  }

  @Test
  void aLittleInTheFutureIsNowMoreIsInvalid() {
    assertEquals("0s", h(Duration.ofMillis(-500)));
    assertEquals("0s", h(Duration.ofMillis(-1999)));
    assertEquals("<invalid>", h(Duration.ofSeconds(-2)));
    assertEquals("<invalid>", h(Duration.ofDays(-3)));
  }

  @Test
  void durationsBeyondGoRangeSaturate() {
    assertEquals("292y", h(Duration.ofDays(365 * 1000)));
    assertEquals("<invalid>", h(Duration.ofDays(-365 * 1000)));
  }

  @Test
  void sinceATimestamp() {
    Instant now = Instant.parse("2026-11-27T00:28:54Z");
    assertEquals("14s", HumanDuration.since(Instant.parse("2026-11-27T00:28:40Z"), now));
    assertEquals("<unknown>", HumanDuration.since(null, now));
    assertEquals("14s", Timestamps.age("2026-11-27T00:28:40Z", now));
    assertEquals("14s", Timestamps.age("2026-11-27T00:28:39.5Z", now));
    assertEquals("14s", Timestamps.age("2026-11-27T01:28:40+01:00", now));
    assertEquals("<unknown>", Timestamps.age(null, now));
    assertEquals("<unknown>", Timestamps.age("", now));
    assertEquals("<unknown>", Timestamps.age("yesterday", now));
  }
}
