package dev.orca.chaos.scenario;

import dev.orca.chaos.FaultKind;
import java.time.Duration;
import java.util.Map;

/**
 * Faults drawn from the scenario's seed: between {@code start} and {@code end}, arrivals at random
 * with a mean gap of {@code meanInterval} (exponential gaps), each of a kind drawn by weight, lasting
 * between {@code minDuration} and {@code maxDuration}, no more than {@code maxConcurrent} in effect
 * at once and never so many member faults at once that the cluster loses its majority.
 */
public record RandomFaults(Duration start, Duration end, Duration meanInterval, Map<FaultKind, Integer> kinds,
    Duration minDuration, Duration maxDuration, int maxConcurrent) {
  public RandomFaults {
    kinds = Map.copyOf(kinds);
  }
}
