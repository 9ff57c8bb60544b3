package dev.orca.scheduler;

/** A score plugin and how much its 0..100 counts in the node's total. */
public record WeightedScorer(ScorePlugin plugin, int weight) {
  public WeightedScorer {
    if (weight < 0) {
      throw new IllegalArgumentException("weight must not be negative: " + weight);
    }
  }
}
