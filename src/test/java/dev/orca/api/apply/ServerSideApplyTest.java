package dev.orca.api.apply;

import static dev.orca.api.apply.ApplyFixtures.T0;
import static dev.orca.api.apply.ApplyFixtures.T1;
import static dev.orca.api.apply.ApplyFixtures.T2;
import static dev.orca.api.apply.ApplyFixtures.T3;
import static dev.orca.api.apply.ApplyFixtures.applied;
import static dev.orca.api.apply.ApplyFixtures.conflict;
import static dev.orca.api.apply.ApplyFixtures.deployment;
import static dev.orca.api.apply.ApplyFixtures.entry;
import static dev.orca.api.apply.ApplyFixtures.json;
import static dev.orca.api.apply.ApplyFixtures.owns;
import static dev.orca.api.apply.ApplyFixtures.replicasOnly;
import static dev.orca.api.apply.ApplyFixtures.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSideApplyTest {
  static final Path REPLICAS = Path.fields("spec", "replicas");

  /** The Deployment as kubectl created it with {@code apply --server-side}, then stored. */
  static JsonNode created() {
    return stored(applied(ServerSideApply.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0)));
  }

  @Test
  void applyCreatesTheObjectWithOneApplyEntry() {
    JsonNode object = applied(ServerSideApply.apply(null, deployment(3, "nginx:1.25"), "kubectl", false, T0));

    ObjectNode expected = deployment(3, "nginx:1.25");
    ((ObjectNode) expected.get("metadata")).set("managedFields", json("""
        [{'manager':'kubectl','operation':'Apply','apiVersion':'apps/v1','time':'2026-11-27T00:29:05Z',
          'fieldsType':'FieldsV1','fieldsV1':%s}]""".formatted(FieldSetTest.DEPLOYMENT_FIELDS)
        .replace("\n", "")));
    assertEquals(expected, object);
  }

  @Test
  void applyingTheSameConfigurationTwiceChangesNothing() {
    JsonNode current = created();

    JsonNode again = applied(ServerSideApply.apply(current, deployment(3, "nginx:1.25"), "kubectl", false, T1));

    assertEquals(current, again);
    assertEquals("2026-11-27T00:29:05Z", entry(again, "kubectl", "Apply").time(), "no change, no new time");
  }

  @Test
  void aChangedImageIsApplied() {
    JsonNode current = created();

    JsonNode updated = applied(ServerSideApply.apply(current, deployment(3, "nginx:1.26"), "kubectl", false, T1));

    assertEquals("nginx:1.26", updated.at("/spec/template/spec/containers/0/image").asText());
    assertEquals(80, updated.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt());
    assertEquals(600, updated.at("/spec/progressDeadlineSeconds").asInt(), "fields nobody applied stay");
    assertEquals(current.get("status"), updated.get("status"));
    assertEquals("1276", updated.at("/metadata/resourceVersion").asText());
    assertEquals("2026-11-27T00:29:10Z", entry(updated, "kubectl", "Apply").time());
    assertEquals(entry(current, "kubectl", "Apply").fields(), entry(updated, "kubectl", "Apply").fields());
  }

  @Test
  void aLabelLeftOutOfTheConfigurationIsRemoved() {
    ObjectNode withTier = deployment(3, "nginx:1.25");
    ((ObjectNode) withTier.at("/metadata/labels")).put("tier", "frontend");
    JsonNode current = stored(applied(ServerSideApply.apply(null, withTier, "kubectl", false, T0)));

    JsonNode updated = applied(ServerSideApply.apply(current, deployment(3, "nginx:1.25"), "kubectl", false, T1));

    assertEquals(json("{'app':'web'}"), updated.at("/metadata/labels"));
    assertFalse(owns(updated, "kubectl", "Apply", Path.fields("metadata", "labels", "tier")));
  }

  @Test
  void aFieldLeftOutIsRemovedWithTheMapItEmptied() {
    ObjectNode withAnnotation = deployment(3, "nginx:1.25");
    ((ObjectNode) withAnnotation.get("metadata")).set("annotations", json("{'team':'a'}"));
    JsonNode current = stored(applied(ServerSideApply.apply(null, withAnnotation, "kubectl", false, T0)));

    JsonNode updated = applied(ServerSideApply.apply(current, deployment(3, "nginx:1.25"), "kubectl", false, T1));

    assertTrue(updated.at("/metadata/annotations").isMissingNode(), updated.toString());
  }

  @Test
  void anotherManagerChangingAnAppliedFieldConflicts() {
    JsonNode current = created();

    ApplyResult.ApplyConflict refused = conflict(ServerSideApply.apply(current, replicasOnly(5), "hpa", false, T1));

    assertEquals("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas", refused.message());
    assertEquals(1, refused.conflicts().size());
    assertEquals(".spec.replicas", refused.conflicts().get(0).field());
    assertEquals("conflict with \"kubectl\"", refused.conflicts().get(0).causeMessage());
  }

  @Test
  void forceTakesTheFieldAndTheFirstManagerLeavesIt() {
    JsonNode current = created();

    JsonNode forced = applied(ServerSideApply.apply(current, replicasOnly(5), "hpa", true, T1));

    assertEquals(5, forced.at("/spec/replicas").asInt());
    assertTrue(owns(forced, "hpa", "Apply", REPLICAS));
    assertFalse(owns(forced, "kubectl", "Apply", REPLICAS));

    JsonNode withoutReplicas = deployment(3, "nginx:1.25");
    ((ObjectNode) withoutReplicas.get("spec")).remove("replicas");
    JsonNode reapplied = applied(ServerSideApply.apply(forced, withoutReplicas, "kubectl", false, T2));
    assertEquals(5, reapplied.at("/spec/replicas").asInt(), "hpa owns replicas");
    assertTrue(owns(reapplied, "hpa", "Apply", REPLICAS));
  }

  @Test
  void aFieldTwoAppliersShareStaysWhenOneLeavesIt() {
    JsonNode current = created();
    JsonNode shared = applied(ServerSideApply.apply(current, replicasOnly(3), "hpa", false, T1));
    assertTrue(owns(shared, "hpa", "Apply", REPLICAS));
    assertTrue(owns(shared, "kubectl", "Apply", REPLICAS), "the same value is shared, not taken");

    JsonNode withoutReplicas = deployment(3, "nginx:1.25");
    ((ObjectNode) withoutReplicas.get("spec")).remove("replicas");
    JsonNode updated = applied(ServerSideApply.apply(shared, withoutReplicas, "kubectl", false, T2));

    assertEquals(3, updated.at("/spec/replicas").asInt());
    assertFalse(owns(updated, "kubectl", "Apply", REPLICAS));
    assertTrue(owns(updated, "hpa", "Apply", REPLICAS));
  }

  @Test
  void anUpdateManagerIsNamedWithItsApiVersionInConflicts() {
    JsonNode current = created();
    ObjectNode put = current.deepCopy();
    ((ObjectNode) put.get("spec")).put("replicas", 5);
    JsonNode afterPut = ManagedFields.recordUpdate(current, put, "kubectl-client-side-apply", T1);
    assertTrue(owns(afterPut, "kubectl-client-side-apply", "Update", REPLICAS));
    assertFalse(owns(afterPut, "kubectl", "Apply", REPLICAS));

    ApplyResult.ApplyConflict refused =
        conflict(ServerSideApply.apply(afterPut, deployment(3, "nginx:1.25"), "kubectl", false, T2));

    assertEquals("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: "
        + ".spec.replicas", refused.message());
  }

  @Test
  void severalConflictsAreGroupedByManager() {
    JsonNode current = created();
    ObjectNode edited = current.deepCopy();
    ((ObjectNode) edited.get("spec")).put("replicas", 4);
    ((ObjectNode) edited.at("/metadata/labels")).put("app", "www");
    JsonNode afterEdit = ManagedFields.recordUpdate(current, edited, "kubectl-edit", T1);
    ObjectNode config = deployment(3, "nginx:1.26");
    ((ObjectNode) config.at("/spec/template/metadata/labels")).put("app", "api");
    ((ObjectNode) config.at("/metadata/labels")).put("app", "api");

    ApplyResult.ApplyConflict refused = conflict(ServerSideApply.apply(afterEdit, config, "ci", false, T2));

    assertEquals("""
        Apply failed with 4 conflicts: conflicts with "kubectl":
        - .spec.template.metadata.labels.app
        - .spec.template.spec.containers[name="nginx"].image
        conflicts with "kubectl-edit" using apps/v1:
        - .metadata.labels.app
        - .spec.replicas""", refused.message());
  }

  @Test
  void keyedListItemsBelongToTheManagersThatAppliedThem() {
    JsonNode current = created();
    ObjectNode sidecar = json("""
        {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','namespace':'default'},
         'spec':{'template':{'spec':{'containers':[{'name':'log','image':'busybox:1.36'}]}}}}
        """);

    JsonNode both = applied(ServerSideApply.apply(current, sidecar, "logging", false, T1));
    assertEquals(List.of("nginx", "log"), names(both));

    JsonNode newImage = applied(ServerSideApply.apply(both, deployment(3, "nginx:1.26"), "kubectl", false, T2));
    assertEquals(List.of("nginx", "log"), names(newImage), "kubectl does not remove what it never applied");
    assertEquals("nginx:1.26", newImage.at("/spec/template/spec/containers/0/image").asText());
    assertEquals("busybox:1.36", newImage.at("/spec/template/spec/containers/1/image").asText());

    ObjectNode noSidecar = sidecar.deepCopy();
    noSidecar.remove("spec");
    JsonNode withoutLog = applied(ServerSideApply.apply(newImage, noSidecar, "logging", false, T3));
    assertEquals(List.of("nginx"), names(withoutLog));
    assertTrue(ManagedFields.read(withoutLog).stream().noneMatch(e -> e.manager().equals("logging")),
        "an applier left with no fields has no entry");
  }

  @Test
  void anotherManagersContainerImageConflicts() {
    JsonNode current = created();
    ObjectNode otherImage = json("""
        {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','namespace':'default'},
         'spec':{'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.27'}]}}}}
        """);

    ApplyResult.ApplyConflict refused = conflict(ServerSideApply.apply(current, otherImage, "ci", false, T1));

    assertEquals("Apply failed with 1 conflict: conflict with \"kubectl\": "
        + ".spec.template.spec.containers[name=\"nginx\"].image", refused.message());
  }

  @Test
  void statusInTheConfigurationIsIgnored() {
    ObjectNode config = deployment(3, "nginx:1.25");
    config.set("status", json("{'replicas':99}"));
    JsonNode current = created();

    JsonNode updated = applied(ServerSideApply.apply(current, config, "kubectl", false, T1));

    assertEquals(current, updated);
  }

  @Test
  void clientSideAppliedFieldsDoNotConflictWhenKubectlMovesToServerSide() {
    // kubectl apply (client side) created the object: the annotation and an Update entry own replicas.
    ObjectNode csa = deployment(5, "nginx:1.25");
    ((ObjectNode) csa.get("metadata")).putObject("annotations").put(LastApplied.ANNOTATION,
        LastApplied.encode(deployment(5, "nginx:1.25")));
    JsonNode current = ManagedFields.recordUpdate(null, stored(csa), "kubectl-client-side-apply", T0);

    JsonNode updated = applied(ServerSideApply.apply(current, deployment(6, "nginx:1.25"), "kubectl", false, T1));

    assertEquals(6, updated.at("/spec/replicas").asInt());
    assertTrue(owns(updated, "kubectl", "Apply", REPLICAS));
    assertFalse(owns(updated, "kubectl-client-side-apply", "Update", REPLICAS));
    assertEquals(LastApplied.encode(deployment(6, "nginx:1.25")),
        updated.at("/metadata/annotations").get(LastApplied.ANNOTATION).asText(), "the annotation follows");

    ApplyResult other = ServerSideApply.apply(current, deployment(6, "nginx:1.25"), "ci", false, T1);
    assertTrue(other instanceof ApplyResult.ApplyConflict, "only kubectl inherits the annotation's fields");
  }

  @Test
  void invalidConfigurationsAreRejected() {
    JsonNode current = created();
    ObjectNode withManagedFields = deployment(3, "nginx:1.25");
    ((ObjectNode) withManagedFields.get("metadata")).set("managedFields", json("[]"));
    ObjectNode otherVersion = deployment(3, "nginx:1.25");
    otherVersion.put("apiVersion", "apps/v1beta2");
    ObjectNode unnamed = deployment(3, "nginx:1.25");
    ((ObjectNode) unnamed.at("/spec/template/spec/containers/0")).remove("name");

    assertEquals("metadata.managedFields must be nil", assertThrows(IllegalArgumentException.class,
        () -> ServerSideApply.apply(current, withManagedFields, "kubectl", false, T1)).getMessage());
    assertEquals("Incorrect version specified in apply patch. Specified patch version: apps/v1beta2, expected: apps/v1",
        assertThrows(IllegalArgumentException.class,
            () -> ServerSideApply.apply(current, otherVersion, "kubectl", false, T1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ServerSideApply.apply(current, unnamed, "kubectl", false, T1));
    assertEquals("associative list with keys has an element that omits key field \"name\" (and doesn't have default value)",
        assertThrows(IllegalArgumentException.class,
            () -> ServerSideApply.apply(null, unnamed, "kubectl", false, T1)).getMessage());
    ObjectNode twice = deployment(3, "nginx:1.25");
    ((com.fasterxml.jackson.databind.node.ArrayNode) twice.at("/spec/template/spec/containers"))
        .add(twice.at("/spec/template/spec/containers/0").deepCopy());
    assertEquals("duplicate entries for key [name=\"nginx\"]", assertThrows(IllegalArgumentException.class,
        () -> ServerSideApply.apply(null, twice, "kubectl", false, T1)).getMessage());
  }

  @Test
  void setListsMergeByValue() {
    JsonNode pod = json("""
        {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','finalizers':['a','b']},
         'spec':{'containers':[{'name':'web','image':'nginx'}]}}
        """);
    JsonNode current = applied(ServerSideApply.apply(null, pod, "kubectl", false, T0));
    JsonNode other = json("""
        {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','finalizers':['c','a']}}
        """);

    JsonNode both = applied(ServerSideApply.apply(current, other, "guard", false, T1));
    assertEquals(json("['c','a','b']"), both.at("/metadata/finalizers"));

    ObjectNode lessPod = pod.deepCopy();
    ((ObjectNode) lessPod.get("metadata")).remove("finalizers");
    JsonNode after = applied(ServerSideApply.apply(both, lessPod, "kubectl", false, T2));
    assertEquals(json("['c','a']"), after.at("/metadata/finalizers"), "b was kubectl's alone; a is shared with guard");
  }

  private static List<String> names(JsonNode deployment) {
    return java.util.stream.StreamSupport.stream(deployment.at("/spec/template/spec/containers").spliterator(), false)
        .map(c -> c.get("name").asText())
        .toList();
  }
}
