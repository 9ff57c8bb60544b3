package dev.orca.scheduler;

import dev.orca.model.Pod;
import dev.orca.model.Taint;
import java.util.Optional;

/**
 * A cordoned node (spec.unschedulable) takes no new pods, unless the pod tolerates the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint.
 */
public final class NodeUnschedulable implements FilterPlugin {
  public static final String NAME = "NodeUnschedulable";
  public static final String REASON = "node(s) were unschedulable";
  public static final Taint UNSCHEDULABLE_TAINT =
      new Taint("node.kubernetes.io/unschedulable", null, "NoSchedule", null);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> filter(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    if (node.unschedulable() && !Tolerations.tolerates(pod, UNSCHEDULABLE_TAINT)) {
      return Optional.of(REASON);
    }
    return Optional.empty();
  }
}
