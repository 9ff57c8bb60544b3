package dev.orca.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashLoopBackOffTest {

  @Test
  void doublesFromTheMinimumUpToTheCap() {
    CrashLoopBackOff backOff = new CrashLoopBackOff(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10));
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      delays.add(backOff.delay(i));
    }
    assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L), delays.stream().map(Duration::toSeconds).toList());
    assertEquals(Duration.ofMinutes(5), backOff.delay(1000));
  }

  @Test
  void aLongEnoughRunResets() {
    CrashLoopBackOff backOff = new CrashLoopBackOff(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10));
    assertTrue(backOff.resets(Duration.ofMinutes(10)));
    assertFalse(backOff.resets(Duration.ofMinutes(9)));
    assertFalse(backOff.resets(null));
  }

  @Test
  void formatsAsGoDoes() {
    assertEquals("200ms", CrashLoopBackOff.format(Duration.ofMillis(200)));
    assertEquals("1.6s", CrashLoopBackOff.format(Duration.ofMillis(1600)));
    assertEquals("10s", CrashLoopBackOff.format(Duration.ofSeconds(10)));
    assertEquals("2m40s", CrashLoopBackOff.format(Duration.ofSeconds(160)));
    assertEquals("5m0s", CrashLoopBackOff.format(Duration.ofMinutes(5)));
    assertEquals("1h0m0s", CrashLoopBackOff.format(Duration.ofHours(1)));
  }
}
