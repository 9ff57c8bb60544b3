package dev.orca.scheduler;

import dev.orca.model.Affinity;
import dev.orca.model.Container;
import dev.orca.model.LabelSelector;
import dev.orca.model.Node;
import dev.orca.model.NodeAffinity;
import dev.orca.model.NodeCondition;
import dev.orca.model.NodeSelector;
import dev.orca.model.NodeSelectorRequirement;
import dev.orca.model.NodeSelectorTerm;
import dev.orca.model.NodeSpec;
import dev.orca.model.NodeStatus;
import dev.orca.model.ObjectMeta;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.PodAffinityTerm;
import dev.orca.model.PodAntiAffinity;
import dev.orca.model.PodSpec;
import dev.orca.model.PodStatus;
import dev.orca.model.ResourceRequirements;
import dev.orca.model.Taint;
import dev.orca.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** In-memory Node and Pod records for scheduler tests. */
final class Fixtures {
  private Fixtures() {}

  static NodeBuilder node(String name) {
    return new NodeBuilder(name);
  }

  static PodBuilder pod(String name) {
    return new PodBuilder(name);
  }

  static NodeSelectorRequirement expr(String key, String operator, String... values) {
    return new NodeSelectorRequirement(key, operator, List.of(values));
  }

  static NodeSelectorTerm term(NodeSelectorRequirement... expressions) {
    return new NodeSelectorTerm(List.of(expressions), null);
  }

  static NodeSelectorTerm fieldTerm(NodeSelectorRequirement... fields) {
    return new NodeSelectorTerm(null, List.of(fields));
  }

  static PodAffinityTerm antiTerm(String topologyKey, Map<String, String> matchLabels) {
    return new PodAffinityTerm(new LabelSelector(matchLabels, null), null, topologyKey);
  }

  static Toleration toleration(String key, String operator, String value, String effect) {
    return new Toleration(key, operator, value, effect, null);
  }

  static final class NodeBuilder {
    private final String name;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> allocatable = new LinkedHashMap<>(Map.of("cpu", "4", "memory", "8Gi"));
    private Map<String, String> capacity = null;
    private final List<Taint> taints = new ArrayList<>();
    private Boolean unschedulable;
    private String ready = "True";

    NodeBuilder(String name) {
      this.name = name;
    }

    NodeBuilder cpu(String cpu) {
      allocatable.put("cpu", cpu);
      return this;
    }

    NodeBuilder memory(String memory) {
      allocatable.put("memory", memory);
      return this;
    }

    NodeBuilder maxPods(String pods) {
      allocatable.put("pods", pods);
      return this;
    }

    /** Reports only capacity, no allocatable. */
    NodeBuilder capacityOnly() {
      capacity = new LinkedHashMap<>(allocatable);
      allocatable.clear();
      return this;
    }

    NodeBuilder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    NodeBuilder taint(String key, String value, String effect) {
      taints.add(new Taint(key, value, effect, null));
      return this;
    }

    NodeBuilder unschedulable() {
      unschedulable = true;
      return this;
    }

    NodeBuilder ready(String status) {
      ready = status;
      return this;
    }

    Node build() {
      List<NodeCondition> conditions = ready == null
          ? List.of()
          : List.of(new NodeCondition("Ready", ready, null, null, null, null));
      return new Node(Node.API_VERSION, Node.KIND, ObjectMeta.named(null, name).withLabels(Map.copyOf(labels)),
          new NodeSpec(unschedulable, List.copyOf(taints), null, null),
          new NodeStatus(capacity, allocatable.isEmpty() ? null : Map.copyOf(allocatable), conditions, null, null));
    }
  }

  static final class PodBuilder {
    private final String name;
    private String namespace = "default";
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<Container> containers = new ArrayList<>();
    private String ownerUid;
    private String nodeName;
    private String phase = "Pending";
    private final Map<String, String> nodeSelector = new LinkedHashMap<>();
    private final List<NodeSelectorTerm> requiredTerms = new ArrayList<>();
    private final List<PodAffinityTerm> antiAffinity = new ArrayList<>();
    private final List<Toleration> tolerations = new ArrayList<>();

    PodBuilder(String name) {
      this.name = name;
    }

    PodBuilder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    PodBuilder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /** Adds a container requesting cpu and memory (either may be null). */
    PodBuilder requests(String cpu, String memory) {
      containers.add(container(new ResourceRequirements(quantities(cpu, memory), null)));
      return this;
    }

    /** Adds a container with only limits. */
    PodBuilder limits(String cpu, String memory) {
      containers.add(container(new ResourceRequirements(null, quantities(cpu, memory))));
      return this;
    }

    PodBuilder ownedBy(String uid) {
      ownerUid = uid;
      return this;
    }

    PodBuilder onNode(String nodeName) {
      this.nodeName = nodeName;
      return this;
    }

    PodBuilder phase(String phase) {
      this.phase = phase;
      return this;
    }

    PodBuilder nodeSelector(String key, String value) {
      nodeSelector.put(key, value);
      return this;
    }

    PodBuilder requiredNodeAffinity(NodeSelectorTerm term) {
      requiredTerms.add(term);
      return this;
    }

    PodBuilder antiAffinity(PodAffinityTerm term) {
      antiAffinity.add(term);
      return this;
    }

    PodBuilder tolerate(Toleration toleration) {
      tolerations.add(toleration);
      return this;
    }

    Pod build() {
      ObjectMeta meta = ObjectMeta.named(namespace, name).withUid("uid-" + name).withLabels(Map.copyOf(labels));
      if (ownerUid != null) {
        meta = meta.withOwnerReferences(List.of(new OwnerReference("apps/v1", "ReplicaSet", "rs-" + ownerUid,
            ownerUid, true, true)));
      }
      NodeAffinity nodeAffinity = requiredTerms.isEmpty()
          ? null
          : new NodeAffinity(new NodeSelector(List.copyOf(requiredTerms)));
      PodAntiAffinity podAntiAffinity = antiAffinity.isEmpty() ? null : new PodAntiAffinity(List.copyOf(antiAffinity));
      Affinity affinity = nodeAffinity == null && podAntiAffinity == null
          ? null
          : new Affinity(nodeAffinity, podAntiAffinity);
      List<Container> cs = containers.isEmpty() ? List.of(container(null)) : List.copyOf(containers);
      return new Pod(Pod.API_VERSION, Pod.KIND, meta,
          new PodSpec(cs, nodeName, nodeSelector.isEmpty() ? null : Map.copyOf(nodeSelector), affinity,
              tolerations.isEmpty() ? null : List.copyOf(tolerations), "Always", null, null, null),
          new PodStatus(phase, null, null, null, null, null, null, null));
    }

    private static Map<String, String> quantities(String cpu, String memory) {
      Map<String, String> m = new LinkedHashMap<>();
      if (cpu != null) {
        m.put("cpu", cpu);
      }
      if (memory != null) {
        m.put("memory", memory);
      }
      return Map.copyOf(m);
    }

    private static Container container(ResourceRequirements resources) {
      return new Container("c", "busybox", null, null, null, null, null, resources, null, null, null, null);
    }
  }
}
