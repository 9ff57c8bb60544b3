package dev.orca.scheduler;

import dev.orca.model.Affinity;
import dev.orca.model.LabelSelectors;
import dev.orca.model.Pod;
import dev.orca.model.PodAffinityTerm;
import java.util.List;
import java.util.Map;

/** Reading pod affinity terms and the topology domains they name. */
final class AffinityTerms {
  static final String HOSTNAME = "kubernetes.io/hostname";
  private static final String DEFAULT_NAMESPACE = "default";

  private AffinityTerms() {}

  static List<PodAffinityTerm> requiredAntiAffinity(Pod pod) {
    Affinity affinity = pod.spec() == null ? null : pod.spec().affinity();
    if (affinity == null || affinity.podAntiAffinity() == null) {
      return List.of();
    }
    List<PodAffinityTerm> terms = affinity.podAntiAffinity().requiredDuringSchedulingIgnoredDuringExecution();
    return terms == null ? List.of() : terms;
  }

  static boolean hasRequiredAntiAffinity(Pod pod) {
    return !requiredAntiAffinity(pod).isEmpty();
  }

  /**
   * The node's domain for a topology key: the node's label, and for the hostname key the node's
   * name when it has no such label. Null when the node is in no domain of that key.
   */
  static String topologyValue(NodeInfo node, String topologyKey) {
    if (topologyKey == null) {
      return null;
    }
    String value = node.labels().get(topologyKey);
    if (value == null && HOSTNAME.equals(topologyKey)) {
      return node.name();
    }
    return value;
  }

  /**
   * Whether a pod is selected by a term that belongs to {@code owner}: it lives in one of the
   * term's namespaces (the owner's own when none are listed) and its labels match the selector.
   */
  static boolean selects(PodAffinityTerm term, Pod owner, Pod candidate) {
    return selects(term, namespace(owner), candidate);
  }

  /** {@link #selects(PodAffinityTerm, Pod, Pod)} for a term whose owner lives in {@code ownerNamespace}. */
  static boolean selects(PodAffinityTerm term, String ownerNamespace, Pod candidate) {
    return selects(term, ownerNamespace, namespace(candidate), candidate.metadata().labelsOrEmpty());
  }

  /** The same for a candidate known by its namespace and labels (a node's pods by {@link LabelSet}). */
  static boolean selects(PodAffinityTerm term, String ownerNamespace, String namespace, Map<String, String> labels) {
    List<String> namespaces = term.namespaces();
    boolean inNamespace = namespaces == null || namespaces.isEmpty()
        ? namespace.equals(ownerNamespace)
        : namespaces.contains(namespace);
    return inNamespace && LabelSelectors.matches(term.labelSelector(), labels);
  }

  static String namespace(Pod pod) {
    String namespace = pod.metadata().namespace();
    return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
  }
}
