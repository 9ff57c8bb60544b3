package dev.orca.scheduler;

import dev.orca.model.Node;
import dev.orca.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node as the scheduler sees it: the node, what its pods request, and those pods (bound to
 * it and not terminal, including pods assumed earlier in the same batch).
 */
public record NodeInfo(Node node, long requestedMilliCpu, long requestedMemory, List<Pod> pods) {
  /** The kubelet's default pod limit, used when a node reports none. */
  public static final long DEFAULT_MAX_PODS = 110;

  public NodeInfo {
    pods = List.copyOf(pods);
  }

  /** A node with the given pods, their requests summed. */
  public static NodeInfo of(Node node, List<Pod> pods) {
    long cpu = 0;
    long memory = 0;
    for (Pod p : pods) {
      Requests r = Requests.of(p);
      cpu += r.milliCpu();
      memory += r.memory();
    }
    return new NodeInfo(node, cpu, memory, pods);
  }

  /** A copy with one more pod on it. */
  public NodeInfo withPod(Pod pod) {
    Requests r = Requests.of(pod);
    List<Pod> more = new ArrayList<>(pods.size() + 1);
    more.addAll(pods);
    more.add(pod);
    return new NodeInfo(node, requestedMilliCpu + r.milliCpu(), requestedMemory + r.memory(), more);
  }

  public String name() {
    return node.metadata().name();
  }

  public Map<String, String> labels() {
    return node.metadata().labelsOrEmpty();
  }

  public long allocatableMilliCpu() {
    return Quantities.milli(allocatable("cpu"));
  }

  public long allocatableMemory() {
    return Quantities.whole(allocatable("memory"));
  }

  public long allocatablePods() {
    String pods = allocatable("pods");
    return pods == null ? DEFAULT_MAX_PODS : Quantities.whole(pods);
  }

  /** status.allocatable, falling back to status.capacity, per resource. */
  private String allocatable(String resource) {
    if (node.status() == null) {
      return null;
    }
    Map<String, String> allocatable = node.status().allocatable();
    if (allocatable != null && allocatable.containsKey(resource)) {
      return allocatable.get(resource);
    }
    Map<String, String> capacity = node.status().capacity();
    return capacity == null ? null : capacity.get(resource);
  }
}
