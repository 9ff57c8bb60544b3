package dev.orca.scheduler;

import dev.orca.model.Pod;
import java.util.function.ToIntFunction;

/** Ranks a feasible node for a pod: 0 (worst) to 100 (best). */
public interface ScorePlugin {
  int MAX_SCORE = 100;

  String name();

  int score(Pod pod, NodeInfo node, ClusterSnapshot snapshot);

  /**
   * The scorer to run over the feasible nodes for this pod (kube-scheduler's PreScore): what
   * depends only on the pod is worked out once here, not once per node. The default returns itself.
   */
  default ScorePlugin prepare(Pod pod, ClusterSnapshot snapshot) {
    return this;
  }

  /** A prepared scorer: its pod is already worked out, so it looks only at the node. */
  static ScorePlugin forNodes(String name, ToIntFunction<NodeInfo> score) {
    return new ScorePlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int score(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
        return score.applyAsInt(node);
      }
    };
  }
}
