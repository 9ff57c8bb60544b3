package dev.orca.scheduler;

import dev.orca.model.Node;
import dev.orca.model.Pod;
import dev.orca.store.ObjectKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scheduler's running picture of the cluster (kube-scheduler's cache): every node with the
 * pods that count against it, kept up to date change by change. A tick's {@link #snapshot} then
 * costs a copy of the node table, not a pass over every pod in the cluster — 150,000 pods at full
 * size, most of which have not changed since the last tick.
 *
 * <p>A pod counts against a node from the moment its spec.nodeName names it until it ends
 * (Succeeded or Failed) or is gone; a pod bound to a node the table does not know yet is kept
 * and counts once the node appears. Mutable and not thread-safe: one scheduler owns it.
 */
public final class NodeTable {
  private final Map<String, NodeInfo> nodes = new HashMap<>();
  private final Map<String, Map<ObjectKey, Pod>> podsByNode = new HashMap<>();
  private final Map<ObjectKey, String> nodeOfPod = new HashMap<>();
  private final AntiAffinityIndex antiAffinity = new AntiAffinityIndex();
  /** The copy of {@link #antiAffinity} the last snapshots share; null once it changed. */
  private AntiAffinityIndex publishedAntiAffinity;
  private List<String> names = List.of();
  private ClusterSnapshot snapshot;

  /** A node added or changed. */
  public void putNode(Node node) {
    String name = node.metadata().name();
    NodeInfo known = nodes.get(name);
    if (known == null) {
      Map<ObjectKey, Pod> pods = podsByNode.get(name);
      nodes.put(name, NodeInfo.of(node, pods == null ? List.of() : new ArrayList<>(pods.values())));
      names = null;
    } else {
      nodes.put(name, known.withNode(node));
    }
    snapshot = null;
  }

  /** A node deleted; its pods stay on record (they count again if it comes back). */
  public void removeNode(String name) {
    if (nodes.remove(name) != null) {
      names = null;
      snapshot = null;
    }
  }

  /** A pod added or changed; null when it is gone. */
  public void putPod(ObjectKey key, Pod pod) {
    String before = nodeOfPod.get(key);
    String after = pod == null ? null : countsOn(pod);
    Pod previous = before == null ? null : podsByNode.get(before).get(key);
    if (Objects.equals(before, after) && (after == null || sameForScheduling(previous, pod))) {
      return;
    }
    if (before != null) {
      Map<ObjectKey, Pod> onNode = podsByNode.get(before);
      onNode.remove(key);
      if (onNode.isEmpty()) {
        podsByNode.remove(before);
      }
      nodes.computeIfPresent(before, (name, info) -> info.withoutPod(previous));
      nodeOfPod.remove(key);
      if (AffinityTerms.hasRequiredAntiAffinity(previous)) {
        antiAffinity.remove(previous);
        publishedAntiAffinity = null;
      }
    }
    if (after != null) {
      podsByNode.computeIfAbsent(after, name -> new LinkedHashMap<>()).put(key, pod);
      nodes.computeIfPresent(after, (name, info) -> info.withPod(pod));
      nodeOfPod.put(key, after);
      if (AffinityTerms.hasRequiredAntiAffinity(pod)) {
        antiAffinity.add(pod);
        publishedAntiAffinity = null;
      }
    }
    snapshot = null;
  }

  /** The table as it is now; the same object until the next change. */
  public ClusterSnapshot snapshot() {
    if (snapshot == null) {
      if (names == null) {
        List<String> sorted = new ArrayList<>(nodes.keySet());
        sorted.sort(null);
        names = List.copyOf(sorted);
      }
      if (publishedAntiAffinity == null) {
        publishedAntiAffinity = antiAffinity.copy();
      }
      snapshot = ClusterSnapshot.over(names, Map.copyOf(nodes), publishedAntiAffinity);
    }
    return snapshot;
  }

  /** How many pods count against some node, known or not. */
  public int placedPods() {
    return nodeOfPod.size();
  }

  /** The node a pod counts against: its spec.nodeName unless it has ended; null if none. */
  static String countsOn(Pod pod) {
    String nodeName = pod.spec() == null ? null : pod.spec().nodeName();
    return nodeName == null || ClusterSnapshot.isTerminal(pod) ? null : nodeName;
  }

  /**
   * Whether two versions of a pod weigh the same in scheduling: the same node, requests, labels,
   * owner and affinity. A status report on a running pod — most of the pod changes a cluster
   * sees — changes nothing here.
   */
  public static boolean sameForScheduling(Pod a, Pod b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    return Objects.equals(countsOn(a), countsOn(b)) && Objects.equals(a.spec(), b.spec())
        && a.metadata().labelsOrEmpty().equals(b.metadata().labelsOrEmpty())
        && Objects.equals(a.metadata().controllerRef(), b.metadata().controllerRef());
  }
}
