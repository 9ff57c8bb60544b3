package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestsTest {
  @Test
  void sumsRequestsOverContainers() {
    Requests r = Requests.of(pod("p").requests("250m", "64Mi").requests("1", "1Gi").build());
    assertEquals(new Requests(1250, (64L << 20) + (1L << 30)), r);
  }

  @Test
  void fallsBackToLimitsPerContainer() {
    Requests r = Requests.of(pod("p").limits("500m", "128Mi").requests("100m", null).build());
    assertEquals(new Requests(600, 128L << 20), r);
  }

  @Test
  void aPodWithoutResourcesRequestsNothingButScoresWithTheDefaults() {
    assertEquals(Requests.NONE, Requests.of(pod("p").build()));
    assertEquals(new Requests(Requests.DEFAULT_MILLI_CPU, Requests.DEFAULT_MEMORY), Requests.nonZero(pod("p").build()));
    assertEquals(new Requests(300, Requests.DEFAULT_MEMORY), Requests.nonZero(pod("p").requests("300m", null).build()));
  }
}
