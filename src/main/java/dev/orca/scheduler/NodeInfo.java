package dev.orca.scheduler;

import dev.orca.model.LabelSelectors;
import dev.orca.model.Node;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.PodAffinityTerm;
import dev.orca.model.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node as the scheduler sees it: the node, what its pods request, and those pods (bound to
 * it and not terminal, including pods assumed earlier in the same batch).
 *
 * <p>Immutable. What every filter and scorer asks of every node it looks at — allocatable
 * quantities, the taints that apply, how many pods each controller has here — is worked out
 * once, when the node or its pods change, not once per pod scheduled.
 */
public final class NodeInfo {
  /** The kubelet's default pod limit, used when a node reports none. */
  public static final long DEFAULT_MAX_PODS = 110;

  private final Node node;
  private final long requestedMilliCpu;
  private final long requestedMemory;
  private final List<Pod> pods;
  private final Allocatable allocatable;
  private final List<Taint> effectiveTaints;
  private final ControllerCounts podsByController;
  private final Map<LabelSet, Integer> podsByLabels;
  /**
   * spec.unschedulable, read once: the filters visit hundreds of nodes per pod, and following
   * node → spec on each was 10 % of the control plane's CPU filling 5,000 nodes (cache misses).
   */
  private final boolean unschedulable;

  private NodeInfo(Node node, long requestedMilliCpu, long requestedMemory, List<Pod> pods,
      Allocatable allocatable, List<Taint> effectiveTaints, ControllerCounts podsByController,
      Map<LabelSet, Integer> podsByLabels) {
    this.node = node;
    this.requestedMilliCpu = requestedMilliCpu;
    this.requestedMemory = requestedMemory;
    this.pods = pods;
    this.allocatable = allocatable;
    this.effectiveTaints = effectiveTaints;
    this.podsByController = podsByController;
    this.podsByLabels = podsByLabels;
    this.unschedulable = node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable());
  }

  /** Whether the node is cordoned (spec.unschedulable). */
  public boolean unschedulable() {
    return unschedulable;
  }

  /** A node with the given pods, their requests summed. */
  public static NodeInfo of(Node node, List<Pod> pods) {
    long cpu = 0;
    long memory = 0;
    ControllerCounts byController = ControllerCounts.NONE;
    Map<LabelSet, Integer> byLabels = new HashMap<>();
    for (Pod p : pods) {
      Requests r = Requests.of(p);
      cpu += r.milliCpu();
      memory += r.memory();
      byController = count(byController, byLabels, p, 1);
    }
    return new NodeInfo(node, cpu, memory, List.copyOf(pods), Allocatable.of(node),
        TaintToleration.effectiveTaints(node), byController, byLabels);
  }

  /** A copy with one more pod on it. */
  public NodeInfo withPod(Pod pod) {
    Requests r = Requests.of(pod);
    List<Pod> more = new ArrayList<>(pods.size() + 1);
    more.addAll(pods);
    more.add(pod);
    Map<LabelSet, Integer> byLabels = new HashMap<>(podsByLabels);
    ControllerCounts byController = count(podsByController, byLabels, pod, 1);
    return new NodeInfo(node, requestedMilliCpu + r.milliCpu(), requestedMemory + r.memory(),
        java.util.Collections.unmodifiableList(more), allocatable, effectiveTaints, byController, byLabels);
  }

  /** A copy without the pod of that pod's namespace and name; this one if no such pod is on it. */
  public NodeInfo withoutPod(Pod pod) {
    String name = pod.metadata().name();
    String namespace = AffinityTerms.namespace(pod);
    for (int i = 0; i < pods.size(); i++) {
      Pod p = pods.get(i);
      if (name.equals(p.metadata().name()) && namespace.equals(AffinityTerms.namespace(p))) {
        Requests r = Requests.of(p);
        List<Pod> fewer = new ArrayList<>(pods);
        fewer.remove(i);
        Map<LabelSet, Integer> byLabels = new HashMap<>(podsByLabels);
        ControllerCounts byController = count(podsByController, byLabels, p, -1);
        return new NodeInfo(node, requestedMilliCpu - r.milliCpu(), requestedMemory - r.memory(),
            java.util.Collections.unmodifiableList(fewer), allocatable, effectiveTaints, byController, byLabels);
      }
    }
    return this;
  }

  /** The same pods on a new version of the node (its labels, taints, capacity or conditions changed). */
  public NodeInfo withNode(Node changed) {
    return new NodeInfo(changed, requestedMilliCpu, requestedMemory, pods, Allocatable.of(changed),
        TaintToleration.effectiveTaints(changed), podsByController, podsByLabels);
  }

  /** Counts the pod in {@code byLabels} (in place) and in the controller counts (returned). */
  private static ControllerCounts count(ControllerCounts byController, Map<LabelSet, Integer> byLabels, Pod pod,
      int delta) {
    if (!pod.metadata().labelsOrEmpty().isEmpty()) {
      byLabels.merge(LabelSet.of(pod), delta, NodeInfo::sum);
    }
    OwnerReference owner = pod.metadata().controllerRef();
    return owner != null && owner.uid() != null ? byController.plus(ControllerCounts.key(owner.uid()), delta)
        : byController;
  }

  private static Integer sum(Integer a, Integer b) {
    return a + b == 0 ? null : a + b;
  }

  public Node node() {
    return node;
  }

  public long requestedMilliCpu() {
    return requestedMilliCpu;
  }

  public long requestedMemory() {
    return requestedMemory;
  }

  public List<Pod> pods() {
    return pods;
  }

  /** How many of this node's pods the controller of that uid owns. */
  public int podsOfController(String controllerUid) {
    return podsByController.of(ControllerCounts.key(controllerUid));
  }

  /** The same, for a uid already in {@link ControllerCounts#key} form: no interning per node. */
  int podsOfControllerKey(String controllerKey) {
    return podsByController.of(controllerKey);
  }

  /** How many of this node's pods have exactly these labels in this namespace. */
  public int podsWithLabels(LabelSet labels) {
    return podsByLabels.getOrDefault(labels, 0);
  }

  /**
   * Whether some pod of this node is selected by a term its owner in {@code ownerNamespace} holds:
   * checked once per distinct label set on the node (the replicas of an app share one), and pod by
   * pod only for pods without labels when the term would select those too.
   */
  boolean anyPodSelectedBy(PodAffinityTerm term, String ownerNamespace) {
    for (LabelSet labels : podsByLabels.keySet()) {
      if (AffinityTerms.selects(term, ownerNamespace, labels.namespace(), labels.labels())) {
        return true;
      }
    }
    if (LabelSelectors.matches(term.labelSelector(), Map.of())) { // an empty selector: pods without labels too
      for (Pod pod : pods) {
        if (pod.metadata().labelsOrEmpty().isEmpty() && AffinityTerms.selects(term, ownerNamespace, pod)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The node's own taints, plus the not-ready taint when it is not Ready. */
  public List<Taint> effectiveTaints() {
    return effectiveTaints;
  }

  public String name() {
    return node.metadata().name();
  }

  public Map<String, String> labels() {
    return node.metadata().labelsOrEmpty();
  }

  public long allocatableMilliCpu() {
    return allocatable.milliCpu();
  }

  public long allocatableMemory() {
    return allocatable.memory();
  }

  public long allocatablePods() {
    return allocatable.pods();
  }

  @Override
  public String toString() {
    return "NodeInfo[" + name() + ", " + pods.size() + " pods, " + requestedMilliCpu + "m/" + allocatable.milliCpu()
        + "m cpu, " + requestedMemory + "/" + allocatable.memory() + " memory]";
  }

  /** status.allocatable, falling back to status.capacity, per resource. */
  private record Allocatable(long milliCpu, long memory, long pods) {
    static Allocatable of(Node node) {
      String pods = quantity(node, "pods");
      return new Allocatable(Quantities.milli(quantity(node, "cpu")), Quantities.whole(quantity(node, "memory")),
          pods == null ? DEFAULT_MAX_PODS : Quantities.whole(pods));
    }

    private static String quantity(Node node, String resource) {
      if (node.status() == null) {
        return null;
      }
      Map<String, String> allocatable = node.status().allocatable();
      if (allocatable != null && allocatable.containsKey(resource)) {
        return allocatable.get(resource);
      }
      Map<String, String> capacity = node.status().capacity();
      return capacity == null ? null : capacity.get(resource);
    }
  }
}
