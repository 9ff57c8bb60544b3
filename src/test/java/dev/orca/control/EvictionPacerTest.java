package dev.orca.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.control.EvictionPacer.ZoneCensus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvictionPacerTest {

  private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

  private static EvictionPacer pacer() {
    return new EvictionPacer(0.1, 0.01, 0.55, 50);
  }

  @Test
  void theFirstSilentNodeOfAZoneIsEvictedAtOnceAndTheNextOnlyAfterTenSeconds() {
    EvictionPacer pacer = pacer();
    Map<String, ZoneCensus> zones = Map.of("a", new ZoneCensus(100, 2), "b", new ZoneCensus(100, 0));
    assertTrue(pacer.tryEvict("a", zones, T0));
    assertFalse(pacer.tryEvict("a", zones, T0.plusSeconds(1)), "one node per 10 s at 0.1/s");
    assertFalse(pacer.tryEvict("a", zones, T0.plusMillis(9_999)));
    assertTrue(pacer.tryEvict("a", zones, T0.plusSeconds(10)));
    assertTrue(pacer.tryEvict("b", zones, T0.plusSeconds(1)), "each zone has its own pace");
  }

  @Test
  void aLargeZoneMostlyNotReadyIsEvictedAtTheSecondaryRate() {
    EvictionPacer pacer = pacer();
    Map<String, ZoneCensus> zones = Map.of("a", new ZoneCensus(1666, 1000), "b", new ZoneCensus(1666, 0));
    assertEquals(0.01, pacer.rate(zones.get("a"), false));
    assertTrue(pacer.tryEvict("a", zones, T0));
    assertFalse(pacer.tryEvict("a", zones, T0.plusSeconds(99)));
    assertTrue(pacer.tryEvict("a", zones, T0.plusSeconds(100)));
  }

  @Test
  void aSmallZoneMostlyNotReadyIsNotEvictedAtAll() {
    EvictionPacer pacer = pacer();
    Map<String, ZoneCensus> zones = Map.of("a", new ZoneCensus(10, 6), "b", new ZoneCensus(10, 0));
    assertFalse(pacer.tryEvict("a", zones, T0));
    assertFalse(pacer.tryEvict("a", zones, T0.plusSeconds(3600)));
  }

  @Test
  void twoNotReadyNodesAreNoDisruptionHoweverSmallTheZone() {
    assertEquals(0.1, pacer().rate(new ZoneCensus(3, 2), false));
    assertEquals(0.1, pacer().rate(new ZoneCensus(51, 3), false), "3 of 51 is under the threshold");
  }

  @Test
  void aZoneWhollyNotReadyIsEvictedAtTheUsualRateUnlessEveryZoneIs() {
    EvictionPacer pacer = pacer();
    Map<String, ZoneCensus> oneDown = Map.of("a", new ZoneCensus(20, 20), "b", new ZoneCensus(20, 0));
    assertTrue(pacer.tryEvict("a", oneDown, T0), "a whole zone down is a real outage, as in Kubernetes");
    Map<String, ZoneCensus> allDown = Map.of("a", new ZoneCensus(20, 20), "b", new ZoneCensus(20, 20));
    assertFalse(pacer.tryEvict("b", allDown, T0), "every zone down: the control plane suspects itself");
    assertFalse(pacer.tryEvict("b", allDown, T0.plusSeconds(3600)));
  }
}
