package dev.orca.scheduler;

import dev.orca.model.Pod;
import java.util.Optional;

/** A pod that names its node (spec.nodeName) fits only that node. */
public final class NodeName implements FilterPlugin {
  public static final String NAME = "NodeName";
  public static final String REASON = "node(s) didn't match the requested node name";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterPlugin prepare(Pod pod, ClusterSnapshot snapshot) {
    String wanted = pod.spec() == null ? null : pod.spec().nodeName();
    return wanted == null || wanted.isEmpty() ? NOTHING_TO_CHECK : this;
  }

  @Override
  public Optional<String> filter(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    String wanted = pod.spec() == null ? null : pod.spec().nodeName();
    if (wanted == null || wanted.isEmpty() || wanted.equals(node.name())) {
      return Optional.empty();
    }
    return Optional.of(REASON);
  }
}
