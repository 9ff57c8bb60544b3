package dev.orca.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.model.Json;
import dev.orca.model.Node;
import dev.orca.model.Pod;
import dev.orca.model.PodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster as the scheduler sees it at the scale: {@code nodes} nodes and 30 running
 * pods on each (5,000 nodes, 150,000 pods). Nodes are mostly 16-cpu/64Gi workers in three zones;
 * every 10th is a smaller 8-cpu/16Gi type, every 20th carries a {@code dedicated=gpu:NoSchedule}
 * taint, every 100th is cordoned and every 200th is not Ready. Pods belong to apps of 20 replicas
 * spread over 20 consecutive nodes, with requests of 100m-500m cpu and 128Mi-512Mi memory, so a
 * node is about half full; every 10th app has required pod anti-affinity on the hostname.
 * Deterministic: the same arguments give the same cluster.
 */
final class ClusterFixture {
  static final int PODS_PER_NODE = 30;
  static final int REPLICAS_PER_APP = 20;
  private static final String[] CPU = {"100m", "250m", "500m"};
  private static final String[] MEMORY = {"128Mi", "256Mi", "512Mi"};

  final List<Node> nodes;
  final List<Pod> pods;

  private ClusterFixture(List<Node> nodes, List<Pod> pods) {
    this.nodes = nodes;
    this.pods = pods;
  }

  static ClusterFixture of(int nodeCount) {
    List<Node> nodes = new ArrayList<>(nodeCount);
    for (int i = 0; i < nodeCount; i++) {
      nodes.add(node(i));
    }
    int total = nodeCount * PODS_PER_NODE;
    List<Pod> pods = new ArrayList<>(total);
    for (int app = 0; app * REPLICAS_PER_APP < total; app++) {
      Pod template = appPod("app-" + app, namespace(app), CPU[app % 3], MEMORY[(app / 3) % 3], app % 10 == 0);
      for (int r = 0; r < REPLICAS_PER_APP && pods.size() < total; r++) {
        int slot = app * REPLICAS_PER_APP + r;
        pods.add(bound(template, "app-" + app + "-" + r, nodeName(slot % nodeCount)));
      }
    }
    return new ClusterFixture(List.copyOf(nodes), List.copyOf(pods));
  }

  /** Pending pods of {@code apps} new apps, {@link #REPLICAS_PER_APP} each, in the typical pod's namespace. */
  static List<Pod> pending(int apps, boolean antiAffinity) {
    List<Pod> pending = new ArrayList<>();
    for (int app = 0; app < apps; app++) {
      Pod template = appPod("new-" + app, "shop", "250m", "256Mi", antiAffinity).withStatus(null);
      for (int r = 0; r < REPLICAS_PER_APP; r++) {
        pending.add(template.withMetadata(template.metadata().withName("new-" + app + "-" + r)));
      }
    }
    return pending;
  }

  /** The typical pod, pending (no node, no status), optionally with hostname anti-affinity to its app. */
  static Pod pendingTypical(boolean antiAffinity) {
    ObjectNode pod = (ObjectNode) TypicalObjects.read(TypicalObjects.POD_JSON, ObjectNode.class);
    pod.remove("status");
    if (antiAffinity) {
      addAntiAffinity(pod, "web");
    }
    return Json.mapper().convertValue(pod, Pod.class);
  }

  static String nodeName(int i) {
    return String.format("node-%05d", i);
  }

  /** A fifth of the apps share the typical pod's namespace, the rest spread over 19 others. */
  private static String namespace(int app) {
    return app % 5 == 0 ? "shop" : "team-" + (app % 19);
  }

  private static Node node(int i) {
    String name = nodeName(i);
    boolean small = i % 10 == 9;
    String taints = i % 20 == 7 ? "[{\"key\": \"dedicated\", \"value\": \"gpu\", \"effect\": \"NoSchedule\"}]" : "[]";
    String json = """
        {"apiVersion": "v1", "kind": "Node",
         "metadata": {"name": "%1$s", "uid": "node-uid-%2$d", "resourceVersion": "%2$d",
           "labels": {"kubernetes.io/hostname": "%1$s", "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                      "topology.kubernetes.io/region": "eu-1", "topology.kubernetes.io/zone": "eu-1%3$s",
                      "node.kubernetes.io/instance-type": "%4$s"}},
         "spec": {"unschedulable": %5$s, "taints": %6$s, "podCIDR": "10.%7$d.%8$d.0/24"},
         "status": {
           "capacity": {"cpu": "%9$s", "memory": "%10$s", "pods": "110"},
           "allocatable": {"cpu": "%11$s", "memory": "%12$s", "pods": "110"},
           "conditions": [{"type": "Ready", "status": "%13$s", "reason": "KubeletReady",
                           "lastHeartbeatTime": "2026-11-27T08:00:00Z", "lastTransitionTime": "2026-11-27T07:00:00Z"}],
           "addresses": [{"type": "InternalIP", "address": "10.0.%7$d.%8$d"}, {"type": "Hostname", "address": "%1$s"}]}}
        """.formatted(name, i, "abc".charAt(i % 3), small ? "c5.2xlarge" : "m5.4xlarge", i % 100 == 42, taints,
        i / 256, i % 256, small ? "8" : "16", small ? "16Gi" : "64Gi", small ? "7800m" : "15800m",
        small ? "15Gi" : "62Gi", i % 200 == 99 ? "False" : "True");
    return TypicalObjects.read(json, Node.class);
  }

  private static Pod appPod(String app, String namespace, String cpu, String memory, boolean antiAffinity) {
    ObjectNode pod = (ObjectNode) TypicalObjects.read(TypicalObjects.POD_JSON, ObjectNode.class);
    ObjectNode metadata = (ObjectNode) pod.get("metadata");
    metadata.put("namespace", namespace);
    metadata.put("generateName", app + "-");
    ((ObjectNode) metadata.get("labels")).put("app", app);
    ((ObjectNode) metadata.get("ownerReferences").get(0)).put("name", app).put("uid", "rs-uid-" + app);
    ObjectNode requests = (ObjectNode) pod.at("/spec/containers/0/resources/requests");
    requests.put("cpu", cpu).put("memory", memory);
    if (antiAffinity) {
      addAntiAffinity(pod, app);
    }
    return Json.mapper().convertValue(pod, Pod.class);
  }

  private static void addAntiAffinity(ObjectNode pod, String app) {
    ObjectNode term = ((ObjectNode) pod.get("spec")).putObject("affinity").putObject("podAntiAffinity")
        .putArray("requiredDuringSchedulingIgnoredDuringExecution").addObject();
    term.putObject("labelSelector").putObject("matchLabels").put("app", app);
    term.put("topologyKey", "kubernetes.io/hostname");
  }

  /** The same pod bound to another node. */
  static Pod rebound(Pod pod, String nodeName) {
    return bound(pod, pod.metadata().name(), nodeName);
  }

  private static Pod bound(Pod template, String name, String nodeName) {
    PodSpec s = template.spec();
    return template.withMetadata(template.metadata().withName(name).withUid("uid-" + name))
        .withSpec(new PodSpec(s.containers(), nodeName, s.nodeSelector(), s.affinity(), s.tolerations(),
            s.restartPolicy(), s.terminationGracePeriodSeconds(), s.schedulerName(), s.hostname()));
  }
}
