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
    return prepare(pod, snapshot).filter(pod, node, snapshot);
  }

  @Override
  public List<String> failures(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    return prepare(pod, snapshot).failures(pod, node, snapshot);
  }

  /** The pod's requests, summed once for all the nodes it is checked against. */
  @Override
  public FilterPlugin prepare(Pod pod, ClusterSnapshot snapshot) {
    Requests requests = Requests.of(pod);
    return FilterPlugin.forNodes(NAME, node -> failures(requests, node));
  }

  private static List<String> failures(Requests requests, NodeInfo node) {
    boolean tooManyPods = node.pods().size() + 1 > node.allocatablePods();
    boolean cpu = requests.milliCpu() > 0 && requests.milliCpu() > node.allocatableMilliCpu() - node.requestedMilliCpu();
    boolean memory = requests.memory() > 0 && requests.memory() > node.allocatableMemory() - node.requestedMemory();
    if (!tooManyPods && !cpu && !memory) {
      return List.of();
    }
    List<String> reasons = new ArrayList<>(3);
    if (tooManyPods) {
      reasons.add(TOO_MANY_PODS);
    }
    if (cpu) {
      reasons.add(INSUFFICIENT_CPU);
    }
    if (memory) {
      reasons.add(INSUFFICIENT_MEMORY);
    }
    return reasons;
  }
}
