package dev.orca.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InFlightLimitTest {

  private static final long S = 1_000_000_000L;

  @Test
  void itGrantsUpToTheLimitAndMoreAsPermitsComeBack() {
    InFlightLimit limit = new InFlightLimit(500, 10 * S);
    assertEquals(300, limit.take(300, 0));
    assertEquals(200, limit.take(500, 0), "only what is left");
    assertEquals(0, limit.take(1, 0));
    limit.release(S);
    limit.release(S);
    assertEquals(2, limit.take(500, S));
    assertEquals(500, limit.held(S));
  }

  @Test
  void permitsNeverGivenBackLapse() {
    InFlightLimit limit = new InFlightLimit(10, 10 * S);
    assertEquals(10, limit.take(10, 0));
    assertEquals(0, limit.take(5, 9 * S));
    assertEquals(5, limit.take(5, 10 * S), "a holder that stopped cannot shrink the limit for good");
  }

  @Test
  void givingBackMoreThanWasTakenHoldsNothingNegative() {
    InFlightLimit limit = new InFlightLimit(2, S);
    limit.release(0);
    assertEquals(2, limit.take(5, 0));
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new InFlightLimit(0, S));
    assertThrows(IllegalArgumentException.class, () -> new InFlightLimit(1, 0));
  }
}
