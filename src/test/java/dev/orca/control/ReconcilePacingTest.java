package dev.orca.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconcilePacingTest {

  private static final ReconcilePacing PACING =
      new ReconcilePacing(Duration.ofMillis(20), 0.05, 0.25, Duration.ofSeconds(1));

  private static long millis(double ms) {
    return (long) (ms * 1_000_000);
  }

  @Test
  void aCheapReconcileWaitsOnlyTheDebounce() {
    assertEquals(Duration.ofMillis(20), PACING.delay(0, 0));
    assertEquals(Duration.ofMillis(20), PACING.delay(millis(0.05), 0.1), "50 µs x 19 is below 20 ms");
  }

  @Test
  void aCostlyReconcileWaitsSoThatItsLoopTakesItsShareOfACore() {
    Duration wait = PACING.delay(millis(4), 0.1);
    assertEquals(Duration.ofMillis(76), wait, "4 ms, then 76 ms of quiet: 5 % of a core");
  }

  @Test
  void whileTheJvmsReconcilesTakeMoreThanTheirBudgetEveryShareShrinksInProportion() {
    assertEquals(Duration.ofMillis(76), PACING.delay(millis(4), 0.25), "at the budget: as alone");
    // twice the budget: the share halves to 2.5 %, 4 ms then 156 ms
    assertEquals(Duration.ofMillis(156), PACING.delay(millis(4), 0.5));
  }

  @Test
  void theWaitHasACeiling() {
    assertEquals(Duration.ofSeconds(1), PACING.delay(millis(200), 2.0));
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ReconcilePacing(Duration.ofMillis(20), 0, 0.25, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new ReconcilePacing(Duration.ofMillis(20), 0.05, 0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new ReconcilePacing(Duration.ofSeconds(2), 0.05, 0.25, Duration.ofSeconds(1)));
  }
}
