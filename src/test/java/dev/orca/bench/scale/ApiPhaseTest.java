package dev.orca.bench.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiPhaseTest {
  private static final long SECOND = 1_000_000_000L;

  /** An answer of {@code millis} to a request sent {@code sentAfter} ns after the phase's start at 1 s. */
  private static VerbLoad.Outcome answered(long sentAfter, double millis) {
    return new VerbLoad.Outcome(1, millis, true, SECOND + sentAfter + (long) (millis * 1e6));
  }

  @Test
  void eachAnswerCountsInTheSecondItsRequestWasSentInNotTheOneItCameBackIn() {
    List<VerbLoad.Outcome> outcomes = List.of(
        answered(100_000_000L, 5),          // second 0
        answered(900_000_000L, 1500),       // sent in second 0, answered in second 2
        answered(SECOND + 1, 20),           // second 1
        answered(SECOND + 2, 12),           // second 1, not the slowest
        answered(5 * SECOND, 7),            // past the phase: left out
        new VerbLoad.Outcome(-1, 30_000, false, SECOND + 2 * SECOND)); // never answered: a failure, in no second
    assertArrayEquals(new double[] {1500, 20, 0}, ApiPhase.slowestBySecond(outcomes, SECOND, Duration.ofSeconds(3)));
  }
}
