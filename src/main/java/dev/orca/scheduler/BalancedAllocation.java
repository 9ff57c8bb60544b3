package dev.orca.scheduler;

import dev.orca.model.Pod;

/**
 * Prefers the node whose cpu and memory would be used in the same proportion once the pod is on
 * it, so neither resource is stranded: 100 × (1 − the standard deviation of the two used
 * fractions), which for two resources is half their difference.
 */
public final class BalancedAllocation implements ScorePlugin {
  public static final String NAME = "NodeResourcesBalancedAllocation";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int score(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    return score(Requests.of(pod), node);
  }

  @Override
  public ScorePlugin prepare(Pod pod, ClusterSnapshot snapshot) {
    Requests requests = Requests.of(pod);
    return ScorePlugin.forNodes(NAME, node -> score(requests, node));
  }

  private static int score(Requests requests, NodeInfo node) {
    double cpu = used(node.requestedMilliCpu() + requests.milliCpu(), node.allocatableMilliCpu());
    double memory = used(node.requestedMemory() + requests.memory(), node.allocatableMemory());
    double deviation = Math.abs(cpu - memory) / 2;
    return (int) ((1 - deviation) * MAX_SCORE);
  }

  private static double used(long requested, long allocatable) {
    if (allocatable <= 0) {
      return 1;
    }
    return Math.min(1.0, (double) requested / allocatable);
  }
}
