package dev.orca.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** "Earlier than": text comparison of canonical timestamps agrees with parsing, whatever the cutoff's fraction. */
class Rfc3339Test {
  @Test
  void canonicalTimestampsCompareAsParsedOnes() {
    Random random = new Random(7);
    Instant base = Instant.parse("2026-11-27T23:25:33Z");
    for (int i = 0; i < 5_000; i++) {
      Instant cutoff = base.plusMillis(random.nextInt(10_000) - 5_000);
      Instant at = base.plusSeconds(random.nextInt(10) - 5);
      String text = Rfc3339.format(at);
      assertEquals(at.isBefore(cutoff), Rfc3339.before(cutoff).test(text), text + " before " + cutoff);
    }
  }

  @Test
  void otherFormsAreParsedAndNonsenseIsNeverBefore() {
    Predicate<String> before = Rfc3339.before(Instant.parse("2026-11-27T23:00:00Z"));
    assertEquals(true, before.test("2026-11-27T23:59:59+01:00"), "22:59:59 UTC");
    assertEquals(false, before.test("2026-11-27T23:00:00.500Z"));
    assertEquals(true, before.test("2026-11-27T22:59:59.999Z"));
    assertFalse(before.test(null));
    assertFalse(before.test(""));
    assertFalse(before.test("yesterday"));
  }
}
