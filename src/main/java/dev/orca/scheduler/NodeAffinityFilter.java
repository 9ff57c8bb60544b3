package dev.orca.scheduler;

import dev.orca.model.Affinity;
import dev.orca.model.LabelSelectors;
import dev.orca.model.NodeSelector;
import dev.orca.model.NodeSelectorRequirement;
import dev.orca.model.NodeSelectorTerm;
import dev.orca.model.Pod;
import dev.orca.model.PodSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node must carry every label of the pod's nodeSelector and satisfy its required node
 * affinity: any one of the terms, each term needing all of its matchExpressions (on labels)
 * and matchFields (on {@code metadata.name}).
 */
public final class NodeAffinityFilter implements FilterPlugin {
  public static final String NAME = "NodeAffinity";
  public static final String REASON = "node(s) didn't match Pod's node affinity/selector";
  private static final String NAME_FIELD = "metadata.name";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterPlugin prepare(Pod pod, ClusterSnapshot snapshot) {
    PodSpec spec = pod.spec();
    boolean unconstrained = spec == null || ((spec.nodeSelector() == null || spec.nodeSelector().isEmpty())
        && (spec.affinity() == null || spec.affinity().nodeAffinity() == null
            || spec.affinity().nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution() == null));
    return unconstrained ? NOTHING_TO_CHECK : this;
  }

  @Override
  public Optional<String> filter(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    if (pod.spec() == null) {
      return Optional.empty();
    }
    return matchesSelector(pod.spec().nodeSelector(), node.labels()) && matchesAffinity(pod.spec().affinity(), node)
        ? Optional.empty()
        : Optional.of(REASON);
  }

  private static boolean matchesSelector(Map<String, String> selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesAffinity(Affinity affinity, NodeInfo node) {
    if (affinity == null || affinity.nodeAffinity() == null) {
      return true;
    }
    NodeSelector required = affinity.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution();
    if (required == null) {
      return true;
    }
    List<NodeSelectorTerm> terms = required.nodeSelectorTerms();
    if (terms == null) {
      return false;
    }
    for (NodeSelectorTerm term : terms) {
      if (matchesTerm(term, node)) {
        return true;
      }
    }
    return false;
  }

  /** A term with neither expressions nor fields matches no node, as in Kubernetes. */
  private static boolean matchesTerm(NodeSelectorTerm term, NodeInfo node) {
    List<NodeSelectorRequirement> expressions = term.matchExpressions() == null ? List.of() : term.matchExpressions();
    List<NodeSelectorRequirement> fields = term.matchFields() == null ? List.of() : term.matchFields();
    if (expressions.isEmpty() && fields.isEmpty()) {
      return false;
    }
    Map<String, String> labels = node.labels();
    for (NodeSelectorRequirement r : expressions) {
      if (!LabelSelectors.matches(r.key(), r.operator(), r.values(), labels)) {
        return false;
      }
    }
    Map<String, String> nodeFields = Map.of(NAME_FIELD, node.name());
    for (NodeSelectorRequirement r : fields) {
      if (!NAME_FIELD.equals(r.key()) || !LabelSelectors.matches(r.key(), r.operator(), r.values(), nodeFields)) {
        return false;
      }
    }
    return true;
  }
}
