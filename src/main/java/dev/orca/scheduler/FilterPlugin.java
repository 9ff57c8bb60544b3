package dev.orca.scheduler;

import dev.orca.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * A feasibility check: whether a pod may run on a node. A failure carries kube-scheduler's
 * reason text, which the pipeline counts into the pod's "0/N nodes are available" message.
 */
public interface FilterPlugin {
  String name();

  /** Empty if the pod may run on the node, otherwise why not. */
  Optional<String> filter(Pod pod, NodeInfo node, ClusterSnapshot snapshot);

  /**
   * Every reason the node fails, for filters that can report several at once (a node short of
   * both cpu and memory counts under both, as in kube-scheduler). Empty if the node passes.
   */
  default List<String> failures(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    return filter(pod, node, snapshot).map(List::of).orElse(List.of());
  }

  /**
   * The filter to run over the nodes for this pod and snapshot (kube-scheduler's PreFilter):
   * a filter that would otherwise look at the whole cluster for every node computes what it
   * needs once here. The default needs nothing and returns itself.
   */
  default FilterPlugin prepare(Pod pod, ClusterSnapshot snapshot) {
    return this;
  }
}
