package dev.orca.scheduler;

import dev.orca.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
   * needs once here, and one that cannot reject any node for this pod returns
   * {@link #NOTHING_TO_CHECK}, which the pipeline skips. The default needs nothing and returns itself.
   */
  default FilterPlugin prepare(Pod pod, ClusterSnapshot snapshot) {
    return this;
  }

  /** A prepared filter that passes every node (kube-scheduler's PreFilter "Skip"). */
  FilterPlugin NOTHING_TO_CHECK = new FilterPlugin() {
    @Override
    public String name() {
      return "NothingToCheck";
    }

    @Override
    public Optional<String> filter(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
      return Optional.empty();
    }
  };

  /** A prepared filter: its pod is already worked out, so it looks only at the node. */
  static FilterPlugin forNodes(String name, Function<NodeInfo, List<String>> failures) {
    return new FilterPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<String> filter(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
        return failures(pod, node, snapshot).stream().findFirst();
      }

      @Override
      public List<String> failures(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
        return failures.apply(node);
      }
    };
  }
}
