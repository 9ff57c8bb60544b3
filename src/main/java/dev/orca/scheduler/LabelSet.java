package dev.orca.scheduler;

import dev.orca.model.Pod;
import java.util.Map;

/**
 * A pod's namespace and exact labels, as a key: what spreading counts for pods without a
 * controller. The hash is worked out once, so looking one up on every node costs no pass over
 * the labels.
 */
public final class LabelSet {
  private final String namespace;
  private final Map<String, String> labels;
  private final int hash;

  private LabelSet(String namespace, Map<String, String> labels) {
    this.namespace = namespace;
    this.labels = labels;
    this.hash = 31 * namespace.hashCode() + labels.hashCode();
  }

  static LabelSet of(Pod pod) {
    return new LabelSet(AffinityTerms.namespace(pod), pod.metadata().labelsOrEmpty());
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof LabelSet other && hash == other.hash && namespace.equals(other.namespace)
        && labels.equals(other.labels);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
