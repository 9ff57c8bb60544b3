package dev.orca.scheduler;

/**
 * How many feasible nodes to find before scoring (kube-scheduler's percentageOfNodesToScore).
 * Below {@code minFeasibleNodes} nodes every node is considered; above, the filter stops once it
 * has found {@code percentage}% of the cluster feasible, but never fewer than
 * {@code minFeasibleNodes}. A percentage of 0 adapts to the cluster size: 50% at 100 nodes,
 * falling by one point per 125 nodes to a floor of 5% (10% at 5,000 nodes).
 */
public record NodeSampler(int minFeasibleNodes, int percentage) {
  public static final int DEFAULT_MIN_FEASIBLE_NODES = 100;
  private static final int MIN_ADAPTIVE_PERCENTAGE = 5;

  public NodeSampler {
    if (minFeasibleNodes < 1) {
      throw new IllegalArgumentException("minFeasibleNodes must be at least 1: " + minFeasibleNodes);
    }
    if (percentage < 0 || percentage > 100) {
      throw new IllegalArgumentException("percentage must be within 0..100: " + percentage);
    }
  }

  /** kube-scheduler's default: at least 100 nodes, an adaptive percentage above that. */
  public static NodeSampler adaptive() {
    return new NodeSampler(DEFAULT_MIN_FEASIBLE_NODES, 0);
  }

  /** Consider every node, whatever the cluster size. */
  public static NodeSampler allNodes() {
    return new NodeSampler(Integer.MAX_VALUE, 100);
  }

  /** How many feasible nodes are enough in a cluster of {@code numAllNodes}. */
  public int feasibleNodesToFind(int numAllNodes) {
    if (numAllNodes < minFeasibleNodes || percentage == 100) {
      return numAllNodes;
    }
    int p = percentage;
    if (p == 0) {
      p = Math.max(MIN_ADAPTIVE_PERCENTAGE, 50 - numAllNodes / 125);
    }
    int n = (int) ((long) numAllNodes * p / 100);
    return Math.max(n, minFeasibleNodes);
  }
}
