package dev.orca.scheduler;

import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import java.util.Map;

/**
 * Spreads the pods of one owner over the nodes: the fewer of its siblings a node already runs,
 * the higher it scores ({@code 100 / (1 + siblings)}). Siblings share the pod's controller owner
 * reference (by uid); a pod without a controller counts pods of its namespace with exactly its
 * labels. A pod with neither scores every node alike.
 */
public final class SelectorSpread implements ScorePlugin {
  public static final String NAME = "SelectorSpread";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int score(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    return prepare(pod, snapshot).score(pod, node, snapshot);
  }

  /** Siblings are counted by the node as its pods change (by owner, and by namespace and labels). */
  @Override
  public ScorePlugin prepare(Pod pod, ClusterSnapshot snapshot) {
    OwnerReference owner = pod.metadata().controllerRef();
    if (owner != null && owner.uid() != null) {
      String ownerKey = ControllerCounts.key(owner.uid());
      return ScorePlugin.forNodes(NAME, node -> MAX_SCORE / (1 + node.podsOfControllerKey(ownerKey)));
    }
    Map<String, String> labels = pod.metadata().labelsOrEmpty();
    if (labels.isEmpty()) {
      return ScorePlugin.forNodes(NAME, node -> MAX_SCORE);
    }
    LabelSet same = LabelSet.of(pod);
    return ScorePlugin.forNodes(NAME, node -> MAX_SCORE / (1 + node.podsWithLabels(same)));
  }
}
