package dev.orca.scheduler;

import dev.orca.model.Pod;
import dev.orca.model.PodAffinityTerm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Required pod anti-affinity, both ways. The incoming pod may not join a topology domain (a node
 * for {@code kubernetes.io/hostname}, otherwise the nodes sharing a label value) that already
 * runs a pod its terms select; nor a domain where an existing pod's terms select it.
 *
 * <p>{@link #prepare} gathers the forbidden domains once per pod, so the per-node check costs
 * only the terms (plus the node's own pods for hostname terms), not a walk over the cluster.
 */
public final class PodAntiAffinityFilter implements FilterPlugin {
  public static final String NAME = "PodAntiAffinity";
  public static final String REASON = "node(s) didn't match pod anti-affinity rules";
  public static final String EXISTING_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> filter(Pod pod, NodeInfo node, ClusterSnapshot snapshot) {
    return prepare(pod, snapshot).filter(pod, node, snapshot);
  }

  @Override
  public FilterPlugin prepare(Pod pod, ClusterSnapshot snapshot) {
    List<PodAffinityTerm> hostTerms = new ArrayList<>();
    List<PodAffinityTerm> domainTerms = new ArrayList<>();
    for (PodAffinityTerm term : AffinityTerms.requiredAntiAffinity(pod)) {
      if (term.topologyKey() == null || term.topologyKey().isEmpty()) {
        continue;
      }
      (AffinityTerms.HOSTNAME.equals(term.topologyKey()) ? hostTerms : domainTerms).add(term);
    }
    Set<Domain> occupied = occupiedDomains(pod, domainTerms, snapshot);
    Set<Domain> forbidden = domainsForbiddenByExistingPods(pod, snapshot);
    if (hostTerms.isEmpty() && occupied.isEmpty() && forbidden.isEmpty()) {
      return NOTHING_TO_CHECK;
    }
    return new Prepared(pod, hostTerms, occupied, forbidden);
  }

  /** The domains, for the pod's non-hostname terms, that already run a pod the term selects. */
  private static Set<Domain> occupiedDomains(Pod pod, List<PodAffinityTerm> terms, ClusterSnapshot snapshot) {
    Set<Domain> occupied = new HashSet<>();
    if (terms.isEmpty()) {
      return occupied;
    }
    for (NodeInfo node : snapshot.nodes()) {
      for (PodAffinityTerm term : terms) {
        String value = AffinityTerms.topologyValue(node, term.topologyKey());
        if (value == null) {
          continue;
        }
        Domain domain = new Domain(term.topologyKey(), value);
        if (!occupied.contains(domain) && node.anyPodSelectedBy(term, AffinityTerms.namespace(pod))) {
          occupied.add(domain);
        }
      }
    }
    return occupied;
  }

  /**
   * The domains of existing pods whose required anti-affinity terms select the incoming pod: each
   * distinct term is matched once, and only a matching one has its holders' nodes looked up.
   */
  private static Set<Domain> domainsForbiddenByExistingPods(Pod pod, ClusterSnapshot snapshot) {
    Set<Domain> forbidden = new HashSet<>();
    snapshot.forEachAntiAffinityTerm((held, nodeNames) -> {
      if (!held.selects(pod)) {
        return; // most existing terms select other apps
      }
      String topologyKey = held.term().topologyKey();
      for (String nodeName : nodeNames) {
        NodeInfo node = snapshot.node(nodeName);
        String value = node == null ? null : AffinityTerms.topologyValue(node, topologyKey);
        if (value != null) {
          forbidden.add(new Domain(topologyKey, value));
        }
      }
    });
    return forbidden;
  }

  private record Domain(String topologyKey, String value) {}

  /** The check for one pod against one snapshot. */
  private static final class Prepared implements FilterPlugin {
    private final String ownNamespace;
    private final List<PodAffinityTerm> hostTerms;
    private final Set<Domain> occupied;
    private final Set<String> occupiedKeys = new LinkedHashSet<>();
    private final Set<Domain> forbiddenByExisting;
    private final Set<String> forbiddenKeys = new LinkedHashSet<>();

    Prepared(Pod pod, List<PodAffinityTerm> hostTerms, Set<Domain> occupied, Set<Domain> forbiddenByExisting) {
      this.ownNamespace = AffinityTerms.namespace(pod);
      this.hostTerms = hostTerms;
      this.occupied = occupied;
      this.forbiddenByExisting = forbiddenByExisting;
      occupied.forEach(d -> occupiedKeys.add(d.topologyKey()));
      forbiddenByExisting.forEach(d -> forbiddenKeys.add(d.topologyKey()));
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Optional<String> filter(Pod ignored, NodeInfo node, ClusterSnapshot snapshot) {
      if (violatesOwnTerms(node)) {
        return Optional.of(REASON);
      }
      if (inAny(node, forbiddenKeys, forbiddenByExisting)) {
        return Optional.of(EXISTING_REASON);
      }
      return Optional.empty();
    }

    private boolean violatesOwnTerms(NodeInfo node) {
      for (PodAffinityTerm term : hostTerms) {
        if (node.anyPodSelectedBy(term, ownNamespace)) {
          return true;
        }
      }
      return inAny(node, occupiedKeys, occupied);
    }

    private static boolean inAny(NodeInfo node, Set<String> keys, Set<Domain> domains) {
      for (String key : keys) {
        String value = AffinityTerms.topologyValue(node, key);
        if (value != null && domains.contains(new Domain(key, value))) {
          return true;
        }
      }
      return false;
    }
  }
}
