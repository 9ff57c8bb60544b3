package dev.orca.scheduler;

import dev.orca.model.Node;
import dev.orca.model.NodeCondition;
import dev.orca.model.Pod;
import dev.orca.model.Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pod must tolerate every NoSchedule and NoExecute taint of the node. A node whose Ready
 * condition is not True counts as tainted {@code node.kubernetes.io/not-ready:NoSchedule}, the
 * taint Kubernetes' node lifecycle controller would put on it.
 */
public final class TaintToleration implements FilterPlugin {
  public static final String NAME = "TaintToleration";
  public static final String NOT_READY_KEY = "node.kubernetes.io/not-ready";
  public static final Taint NOT_READY_TAINT = new Taint(NOT_READY_KEY, null, "NoSchedule", null);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> filter(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    List<Taint> taints = node.effectiveTaints();
    for (int i = 0; i < taints.size(); i++) { // by index: an iterator per node visited was 2 % of the fill's allocation
      Taint taint = taints.get(i);
      boolean blocks = "NoSchedule".equals(taint.effect()) || "NoExecute".equals(taint.effect());
      if (blocks && !Tolerations.tolerates(pod, taint)) {
        return Optional.of(reason(taint));
      }
    }
    return Optional.empty();
  }

  /** kube-scheduler's wording: {@code node(s) had untolerated taint {key: value}}. */
  public static String reason(Taint taint) {
    return "node(s) had untolerated taint {" + taint.key() + ": " + (taint.value() == null ? "" : taint.value()) + "}";
  }

  /** The node's own taints, plus the not-ready taint when the node is not Ready and lacks it. */
  static List<Taint> effectiveTaints(Node node) {
    List<Taint> own = node.spec() == null || node.spec().taints() == null ? List.of() : node.spec().taints();
    if (isReady(node) || own.stream().anyMatch(t -> NOT_READY_KEY.equals(t.key()) && "NoSchedule".equals(t.effect()))) {
      return own;
    }
    List<Taint> all = new ArrayList<>(own);
    all.add(NOT_READY_TAINT);
    return all;
  }

  static boolean isReady(Node node) {
    if (node.status() == null || node.status().conditions() == null) {
      return false;
    }
    for (NodeCondition c : node.status().conditions()) {
      if ("Ready".equals(c.type())) {
        return "True".equals(c.status());
      }
    }
    return false;
  }
}
