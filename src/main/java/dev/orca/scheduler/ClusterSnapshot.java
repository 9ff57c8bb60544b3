package dev.orca.scheduler;

import dev.orca.model.Node;
import dev.orca.model.Pod;
import dev.orca.model.PodSpec;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable view of the cluster for one scheduling decision: every node with the pods that
 * count against it. {@link #assume} returns a new snapshot with one more placement, so a batch
 * sees its own earlier decisions and never over-commits a node.
 *
 * <p>Snapshots of one batch share the node table; each holds only the nodes changed since
 * {@link #of}, so assuming a pod costs in proportion to the batch, not to the cluster.
 */
public final class ClusterSnapshot {
  private final List<String> names;
  private final Map<String, NodeInfo> base;
  /** The base nodes in name order: the filters visit nodes by position, one array read each. */
  private final NodeInfo[] byIndex;
  private final Map<String, NodeInfo> changed;
  /**
   * A working copy's nodes by position, its placements applied; null in any other snapshot (so
   * also what tells a working copy, which takes placements in place, from the others): the filters
   * visit thousands of nodes per pod, and looking each up among the changed ones by name cost
   * 14 % of the control plane's CPU filling 5,000 nodes with 150,000 pods.
   */
  private final NodeInfo[] current;
  /** The bound pods' required anti-affinity terms, shared and never changed ... */
  private final AntiAffinityIndex antiAffinity;
  /** ... and those of the pods assumed since (a working copy's own; copied on write otherwise). */
  private final AntiAffinityIndex assumedAntiAffinity;

  private ClusterSnapshot(List<String> names, Map<String, NodeInfo> base, AntiAffinityIndex antiAffinity) {
    this(names, base, inOrder(names, base), Map.of(), null, antiAffinity, new AntiAffinityIndex());
  }

  private ClusterSnapshot(List<String> names, Map<String, NodeInfo> base, NodeInfo[] byIndex,
      Map<String, NodeInfo> changed, NodeInfo[] current, AntiAffinityIndex antiAffinity,
      AntiAffinityIndex assumedAntiAffinity) {
    this.names = names;
    this.base = base;
    this.byIndex = byIndex;
    this.changed = changed;
    this.current = current;
    this.antiAffinity = antiAffinity;
    this.assumedAntiAffinity = assumedAntiAffinity;
  }

  /**
   * A working copy for one scheduling pass, which owns it: {@link #assume} changes it in place and
   * returns it, so a pass that assumes thousands of placements (a batch, and the bindings still in
   * flight) costs in proportion to them — an immutable assume copies the placements made so far.
   * This snapshot is left as it is.
   */
  public ClusterSnapshot working() {
    NodeInfo[] nodes = byIndex.clone();
    changed.forEach((name, info) -> nodes[indexOf(name)] = info);
    return new ClusterSnapshot(names, base, byIndex, new HashMap<>(changed), nodes, antiAffinity,
        assumedAntiAffinity.copy());
  }

  /** The position of a node of the snapshot in its name order. */
  private int indexOf(String name) {
    return Collections.binarySearch(names, name);
  }

  /**
   * A snapshot of the nodes; a pod counts against its node when spec.nodeName names one of them
   * and its phase is neither Succeeded nor Failed.
   */
  public static ClusterSnapshot of(Collection<Node> nodes, Collection<Pod> pods) {
    Map<String, List<Pod>> podsByNode = new HashMap<>();
    TreeMap<String, Node> sorted = new TreeMap<>();
    for (Node n : nodes) {
      sorted.put(n.metadata().name(), n);
      podsByNode.put(n.metadata().name(), new ArrayList<>());
    }
    AntiAffinityIndex withAntiAffinity = new AntiAffinityIndex();
    for (Pod p : pods) {
      String nodeName = p.spec() == null ? null : p.spec().nodeName();
      List<Pod> onNode = nodeName == null ? null : podsByNode.get(nodeName);
      if (onNode == null || isTerminal(p)) {
        continue;
      }
      onNode.add(p);
      withAntiAffinity.add(p);
    }
    Map<String, NodeInfo> infos = new HashMap<>(sorted.size() * 2);
    for (Node n : sorted.values()) {
      String name = n.metadata().name();
      infos.put(name, NodeInfo.of(n, podsByNode.get(name)));
    }
    return new ClusterSnapshot(List.copyOf(sorted.keySet()), Collections.unmodifiableMap(infos), withAntiAffinity);
  }

  /**
   * A snapshot over a node table kept elsewhere ({@link NodeTable}): the names in order, every
   * node by name, the bound pods' required anti-affinity terms. The caller hands over copies it
   * will not change.
   */
  static ClusterSnapshot over(List<String> names, Map<String, NodeInfo> nodes, AntiAffinityIndex antiAffinity) {
    return new ClusterSnapshot(names, nodes, antiAffinity);
  }

  /** Whether the pod has finished and no longer holds resources on its node. */
  public static boolean isTerminal(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /**
   * A new snapshot in which the pod is bound to the node: a copy of the pod with spec.nodeName
   * set counts against it. A {@link #working} copy takes it in place instead.
   */
  public ClusterSnapshot assume(Pod pod, String nodeName) {
    NodeInfo before = node(nodeName);
    if (before == null) {
      throw new IllegalArgumentException("no node " + nodeName + " in the snapshot");
    }
    Pod bound = withNodeName(pod, nodeName);
    if (current != null) {
      NodeInfo placed = before.withPod(bound);
      changed.put(nodeName, placed);
      current[indexOf(nodeName)] = placed;
      assumedAntiAffinity.add(bound);
      return this;
    }
    Map<String, NodeInfo> nextChanged = new HashMap<>(changed);
    nextChanged.put(nodeName, before.withPod(bound));
    AntiAffinityIndex nextAssumed = assumedAntiAffinity;
    if (AffinityTerms.hasRequiredAntiAffinity(bound)) {
      nextAssumed = assumedAntiAffinity.copy();
      nextAssumed.add(bound);
    }
    return new ClusterSnapshot(names, base, byIndex, Collections.unmodifiableMap(nextChanged), null, antiAffinity,
        nextAssumed);
  }

  /** The node of that name, or null. */
  public NodeInfo node(String name) {
    NodeInfo info = changed.get(name);
    return info != null ? info : base.get(name);
  }

  /** The node at a position in the snapshot's stable (name) order; 0 ≤ index < {@link #size}. */
  public NodeInfo nodeAt(int index) {
    if (current != null) {
      return current[index];
    }
    NodeInfo at = byIndex[index];
    if (changed.isEmpty()) {
      return at;
    }
    NodeInfo placed = changed.get(at.name());
    return placed != null ? placed : at;
  }

  private static NodeInfo[] inOrder(List<String> names, Map<String, NodeInfo> base) {
    NodeInfo[] nodes = new NodeInfo[names.size()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = base.get(names.get(i));
    }
    return nodes;
  }

  /** Every node, in name order. */
  public Collection<NodeInfo> nodes() {
    return new AbstractList<>() {
      @Override
      public NodeInfo get(int index) {
        return nodeAt(index);
      }

      @Override
      public int size() {
        return names.size();
      }
    };
  }

  public int size() {
    return names.size();
  }

  /**
   * Each distinct required anti-affinity term of the pods bound or assumed anywhere in the
   * cluster, with the names of the nodes running its holders (a term met in both the table and
   * the placements assumed since is visited once for each).
   */
  void forEachAntiAffinityTerm(BiConsumer<AntiAffinityIndex.HeldTerm, Set<String>> visitor) {
    antiAffinity.forEach(visitor);
    assumedAntiAffinity.forEach(visitor);
  }

  private static Pod withNodeName(Pod pod, String nodeName) {
    PodSpec s = pod.spec();
    if (s == null) {
      return pod.withSpec(new PodSpec(null, nodeName, null, null, null, null, null, null, null));
    }
    return pod.withSpec(new PodSpec(s.containers(), nodeName, s.nodeSelector(), s.affinity(), s.tolerations(),
        s.restartPolicy(), s.terminationGracePeriodSeconds(), s.schedulerName(), s.hostname()));
  }
}
