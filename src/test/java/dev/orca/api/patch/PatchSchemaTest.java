package dev.orca.api.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.api.patch.PatchSchema.ListRule;
import org.junit.jupiter.api.Test;

/** The struct tags of k8s.io/api, by path. */
class PatchSchemaTest {
  @Test
  void podTemplatesInWorkloadsUseThePodSpecTags() {
    for (String kind : new String[] {"Deployment", "ReplicaSet"}) {
      PatchSchema schema = PatchSchema.forKind(kind);
      assertEquals(ListRule.byKey("name"), schema.list("spec.template.spec.containers"));
      assertEquals(ListRule.byKey("name"), schema.list("spec.template.spec.initContainers"));
      assertEquals(ListRule.byKey("name"), schema.list("spec.template.spec.containers[].env"));
      assertEquals(ListRule.byKey("containerPort"), schema.list("spec.template.spec.containers[].ports"));
      assertEquals(ListRule.byKey("mountPath"), schema.list("spec.template.spec.initContainers[].volumeMounts"));
      assertEquals(ListRule.byKey("name").withRetainKeys(), schema.list("spec.template.spec.volumes"));
      assertEquals(ListRule.byKey("name"), schema.list("spec.template.spec.imagePullSecrets"));
      assertEquals(ListRule.byKey("uid"), schema.list("metadata.ownerReferences"));
      assertEquals(ListRule.ofPrimitives(), schema.list("spec.template.metadata.finalizers"));
      assertEquals(ListRule.byKey("type"), schema.list("status.conditions"));
      assertNull(schema.list("spec.template.spec.tolerations"));
      assertNull(schema.list("spec.selector.matchExpressions"));
      assertNull(schema.list("spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms"));
      assertNull(schema.list("spec.containers"));
    }
    assertTrue(PatchSchema.forKind("Deployment").retainKeys().contains("spec.strategy"));
  }

  @Test
  void podsNodesNamespaces() {
    PatchSchema pod = PatchSchema.forKind("Pod");
    assertEquals(ListRule.byKey("name"), pod.list("spec.containers"));
    assertEquals(ListRule.byKey("name"), pod.list("spec.containers[].env"));
    assertEquals(ListRule.byKey("ip"), pod.list("status.podIPs"));
    assertEquals(ListRule.byKey("type"), pod.list("status.conditions"));
    assertNull(pod.list("spec.tolerations"));
    assertNull(pod.list("status.containerStatuses"));

    PatchSchema node = PatchSchema.forKind("Node");
    assertNull(node.list("spec.taints")); // NodeSpec.Taints has no patchStrategy
    assertEquals(ListRule.ofPrimitives(), node.list("spec.podCIDRs"));
    assertEquals(ListRule.byKey("type"), node.list("status.addresses"));
    assertEquals(ListRule.byKey("type"), node.list("status.conditions"));

    PatchSchema namespace = PatchSchema.forKind("Namespace");
    assertNull(namespace.list("spec.finalizers"));
    assertEquals(ListRule.ofPrimitives(), namespace.list("metadata.finalizers"));
  }

  @Test
  void everyKindOrcaServesIsKnown() {
    for (String kind : new String[] {"Pod", "ReplicaSet", "Deployment", "Node", "Namespace", "Event", "Scale"}) {
      assertTrue(PatchSchema.knows(kind), kind);
      assertEquals(kind, PatchSchema.forKind(kind).kind());
    }
    assertFalse(PatchSchema.knows("Widget"));
    assertSame(PatchSchema.NONE, PatchSchema.forKind("Widget"));
    assertTrue(PatchSchema.NONE.lists().isEmpty());
  }
}
