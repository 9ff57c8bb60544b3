package dev.orca.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals(Duration.ofMillis(20), PACING.delay(0, 1));
    assertEquals(Duration.ofMillis(20), PACING.delay(millis(0.05), 1), "50 µs x 19 is below 20 ms");
  }

  @Test
  void aCostlyReconcileWaitsSoThatItsLoopTakesItsShareOfACore() {
    assertEquals(Duration.ofMillis(76), PACING.delay(millis(4), 1), "4 ms, then 76 ms of quiet: 5 % of a core");
    // the JVM's factor halved: a share of 2.5 %, 4 ms then 156 ms
    assertEquals(Duration.ofMillis(156), PACING.delay(millis(4), 0.5));
  }

  @Test
  void theWaitHasACeiling() {
    assertEquals(Duration.ofSeconds(1), PACING.delay(millis(200), 1));
  }

  @Test
  void theJvmsFactorSettlesWhereAllOwnersTogetherTakeTheBudget() {
    // thirty owners reconciling flat out, each at its share: together 30 x 0.05 x scale of a core
    double scale = 1;
    for (int second = 0; second < 20; second++) {
      double load = 30 * 0.05 * scale;
      scale = PACING.nextScale(scale, load);
    }
    assertEquals(0.25, 30 * 0.05 * scale, 1e-9, "the thirty take the JVM's budget, not more");
  }

  @Test
  void theFactorComesBackAtMostDoublingASecondOnceTheLoadIsGone() {
    double scale = PACING.nextScale(0.1, 0.01);
    assertEquals(0.2, scale, 1e-9);
    assertEquals(1, PACING.nextScale(0.8, 0), 1e-9, "never above 1");
    assertTrue(PACING.nextScale(ReconcilePacing.MIN_SCALE, 1000) >= ReconcilePacing.MIN_SCALE);
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ReconcilePacing(Duration.ofMillis(20), 0, 0.25, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new ReconcilePacing(Duration.ofMillis(20), 0.05, 0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new ReconcilePacing(Duration.ofSeconds(2), 0.05, 0.25, Duration.ofSeconds(1)));
  }
}
