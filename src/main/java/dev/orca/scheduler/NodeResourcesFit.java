package dev.orca.scheduler;

import dev.orca.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The node must have room for one more pod and for the pod's cpu and memory requests. */
public final class NodeResourcesFit implements FilterPlugin {
  public static final String NAME = "NodeResourcesFit";
  public static final String TOO_MANY_PODS = "Too many pods";
  public static final String INSUFFICIENT_CPU = "Insufficient cpu";
  public static final String INSUFFICIENT_MEMORY = "Insufficient memory";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> filter(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    return failures(pod, node, snapshot).stream().findFirst();
  }

  @Override
  public List<String> failures(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    List<String> reasons = new ArrayList<>(3);
    if (node.pods().size() + 1 > node.allocatablePods()) {
      reasons.add(TOO_MANY_PODS);
    }
    Requests requests = Requests.of(pod);
    if (requests.milliCpu() > 0 && requests.milliCpu() > node.allocatableMilliCpu() - node.requestedMilliCpu()) {
      reasons.add(INSUFFICIENT_CPU);
    }
    if (requests.memory() > 0 && requests.memory() > node.allocatableMemory() - node.requestedMemory()) {
      reasons.add(INSUFFICIENT_MEMORY);
    }
    return reasons;
  }
}
