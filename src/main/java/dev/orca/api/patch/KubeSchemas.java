package dev.orca.api.patch;

import dev.orca.api.patch.PatchSchema.ListRule;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The strategic-merge tags of the Kubernetes types Orca serves, from k8s.io/api (core/v1, apps/v1,
 * autoscaling/v1) and apimachinery's meta/v1 ObjectMeta. Only fields with a {@code patchStrategy}
 * appear; every other list is replaced whole. Notably without one, hence replaced: PodSpec
 * tolerations, NodeSpec taints, NamespaceSpec finalizers, a LabelSelector's matchExpressions, a
 * NodeSelector's nodeSelectorTerms, container statuses.
 */
final class KubeSchemas {
  private KubeSchemas() {}

  static final Map<String, PatchSchema> BY_KIND = build();

  private static Map<String, PatchSchema> build() {
    Map<String, PatchSchema> kinds = new LinkedHashMap<>();

    Schema pod = new Schema("Pod");
    pod.objectMeta("metadata");
    pod.podSpec("spec");
    pod.podStatus("status");
    kinds.put(pod.kind, pod.build());

    Schema replicaSet = new Schema("ReplicaSet");
    replicaSet.objectMeta("metadata");
    replicaSet.podTemplate("spec.template");
    replicaSet.conditions("status");
    kinds.put(replicaSet.kind, replicaSet.build());

    Schema deployment = new Schema("Deployment");
    deployment.objectMeta("metadata");
    deployment.podTemplate("spec.template");
    deployment.retainKeys("spec.strategy"); // DeploymentSpec.Strategy: patchStrategy:"retainKeys"
    deployment.conditions("status");
    kinds.put(deployment.kind, deployment.build());

    Schema node = new Schema("Node");
    node.objectMeta("metadata");
    node.primitives("spec.podCIDRs"); // NodeSpec.PodCIDRs: patchStrategy:"merge"; Taints: none
    node.conditions("status");
    node.byKey("status.addresses", "type"); // NodeStatus.Addresses
    kinds.put(node.kind, node.build());

    Schema namespace = new Schema("Namespace");
    namespace.objectMeta("metadata");
    namespace.conditions("status");
    kinds.put(namespace.kind, namespace.build());

    Schema event = new Schema("Event");
    event.objectMeta("metadata");
    kinds.put(event.kind, event.build());

    for (String kind : java.util.List.of("ConfigMap", "Secret")) {
      Schema data = new Schema(kind);
      data.objectMeta("metadata");
      kinds.put(data.kind, data.build());
    }

    Schema scale = new Schema("Scale"); // autoscaling/v1, the scale subresource
    scale.objectMeta("metadata");
    kinds.put(scale.kind, scale.build());

    return Map.copyOf(kinds);
  }

  /** The lists of one kind, written fragment by fragment as the Go types nest. */
  private static final class Schema {
    final String kind;
    final Map<String, ListRule> lists = new LinkedHashMap<>();
    final Set<String> retainKeys = new LinkedHashSet<>();

    Schema(String kind) {
      this.kind = kind;
    }

    PatchSchema build() {
      return new PatchSchema(kind, lists, retainKeys);
    }

    void byKey(String path, String mergeKey) {
      lists.put(path, ListRule.byKey(mergeKey));
    }

    void byKeyRetainingKeys(String path, String mergeKey) {
      lists.put(path, ListRule.byKey(mergeKey).withRetainKeys());
    }

    void primitives(String path) {
      lists.put(path, ListRule.ofPrimitives());
    }

    void retainKeys(String path) {
      retainKeys.add(path);
    }

    /** meta/v1 ObjectMeta. */
    void objectMeta(String at) {
      primitives(at + ".finalizers");
      byKey(at + ".ownerReferences", "uid");
    }

    /** core/v1 PodTemplateSpec. */
    void podTemplate(String at) {
      objectMeta(at + ".metadata");
      podSpec(at + ".spec");
    }

    /** core/v1 PodSpec. */
    void podSpec(String at) {
      byKeyRetainingKeys(at + ".volumes", "name");
      for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
        byKey(at + "." + list, "name");
        container(at + "." + list + "[]");
      }
      byKey(at + ".imagePullSecrets", "name");
      byKey(at + ".hostAliases", "ip");
      byKey(at + ".topologySpreadConstraints", "topologyKey");
      byKey(at + ".schedulingGates", "name");
      byKeyRetainingKeys(at + ".resourceClaims", "name");
    }

    /** core/v1 Container (and EphemeralContainerCommon). */
    void container(String at) {
      byKey(at + ".ports", "containerPort");
      byKey(at + ".env", "name");
      byKey(at + ".volumeMounts", "mountPath");
      byKey(at + ".volumeDevices", "devicePath");
    }

    /** core/v1 PodStatus. */
    void podStatus(String at) {
      conditions(at);
      byKey(at + ".podIPs", "ip");
      byKey(at + ".hostIPs", "ip");
      byKeyRetainingKeys(at + ".resourceClaimStatuses", "name");
      for (String list : new String[] {"initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"}) {
        byKey(at + "." + list + "[].volumeMounts", "mountPath");
        byKey(at + "." + list + "[].allocatedResourcesStatus", "name");
      }
    }

    /** The {@code conditions} of a status, merged by {@code type} in every kind Orca serves. */
    void conditions(String status) {
      byKey(status + ".conditions", "type");
    }
  }
}
