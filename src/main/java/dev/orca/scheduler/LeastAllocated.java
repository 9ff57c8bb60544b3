package dev.orca.scheduler;

import dev.orca.model.Pod;

/**
 * Prefers the node with the most room left once the pod is on it: the average over cpu and
 * memory of the free fraction of allocatable. The pod counts with a floor per container that
 * requests nothing ({@link Requests#nonZero}), so even request-less pods weigh something.
 */
public final class LeastAllocated implements ScorePlugin {
  public static final String NAME = "NodeResourcesLeastAllocated";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int score(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    return score(Requests.nonZero(pod), node);
  }

  @Override
  public ScorePlugin prepare(Pod pod, ClusterSnapshot snapshot) {
    Requests requests = Requests.nonZero(pod);
    return ScorePlugin.forNodes(NAME, node -> score(requests, node));
  }

  private static int score(Requests requests, NodeInfo node) {
    long cpu = free(node.requestedMilliCpu() + requests.milliCpu(), node.allocatableMilliCpu());
    long memory = free(node.requestedMemory() + requests.memory(), node.allocatableMemory());
    return (int) ((cpu + memory) / 2);
  }

  private static long free(long requested, long allocatable) {
    if (allocatable <= 0 || requested > allocatable) {
      return 0;
    }
    return (allocatable - requested) * MAX_SCORE / allocatable;
  }
}
