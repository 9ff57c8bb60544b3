package dev.orca.api.apply;

import static dev.orca.api.apply.ApplyFixtures.T0;
import static dev.orca.api.apply.ApplyFixtures.T1;
import static dev.orca.api.apply.ApplyFixtures.T2;
import static dev.orca.api.apply.ApplyFixtures.deployment;
import static dev.orca.api.apply.ApplyFixtures.entry;
import static dev.orca.api.apply.ApplyFixtures.json;
import static dev.orca.api.apply.ApplyFixtures.owns;
import static dev.orca.api.apply.ApplyFixtures.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {
  static final Path REPLICAS = Path.fields("spec", "replicas");

  @Test
  void aCreateIsOwnedByItsManagerButNotTheServersMetadataOrStatus() {
    JsonNode created = ManagedFields.recordUpdate(null, stored(deployment(3, "nginx:1.25")), "kubectl-create", T0);

    ManagedFieldsEntry entry = entry(created, "kubectl-create", "Update");
    assertEquals("apps/v1", entry.apiVersion());
    assertEquals("2026-11-27T00:29:05Z", entry.time());
    assertTrue(entry.fields().contains(REPLICAS));
    assertTrue(entry.fields().contains(Path.fields("spec", "progressDeadlineSeconds")));
    assertTrue(entry.fields().contains(Path.fields("metadata", "labels")), "a new map is owned as such");
    assertFalse(entry.fields().contains(Path.fields("spec")), "the top-level maps exist in an empty object");
    assertTrue(entry.fields().paths().stream().noneMatch(p -> p.startsWith(Path.fields("status"))));
    for (String server : List.of("uid", "resourceVersion", "generation", "creationTimestamp", "name", "namespace")) {
      assertFalse(entry.fields().contains(Path.fields("metadata", server)), server);
    }
    assertEquals(json("{'.':{},'f:app':{}}"), entry.fields().toFieldsV1().at("/f:metadata/f:labels"));
  }

  @Test
  void anUpdateTakesTheFieldsItChangesFromOtherManagers() {
    JsonNode created = ManagedFields.recordUpdate(null, stored(deployment(3, "nginx:1.25")), "kubectl-create", T0);
    ObjectNode scaled = created.deepCopy();
    ((ObjectNode) scaled.get("spec")).put("replicas", 5);

    JsonNode after = ManagedFields.recordUpdate(created, scaled, "kubectl", "scale", T1);

    ManagedFieldsEntry scale = entry(after, "kubectl", "Update");
    assertEquals(FieldSet.of(REPLICAS), scale.fields());
    assertEquals("scale", scale.subresource());
    assertFalse(owns(after, "kubectl-create", "Update", REPLICAS));
    assertEquals(List.of("kubectl-create", "kubectl"),
        ManagedFields.read(after).stream().map(ManagedFieldsEntry::manager).toList(), "older first");
    assertEquals("scale", after.at("/metadata/managedFields/1/subresource").asText());
  }

  @Test
  void removedFieldsLeaveEveryManagerAndEmptyEntriesDisappear() {
    JsonNode created = ManagedFields.recordUpdate(null, stored(deployment(3, "nginx:1.25")), "kubectl-create", T0);
    ObjectNode scaled = created.deepCopy();
    ((ObjectNode) scaled.get("spec")).put("replicas", 5);
    JsonNode afterScale = ManagedFields.recordUpdate(created, scaled, "hpa", T1);
    ObjectNode withoutReplicas = afterScale.deepCopy();
    ((ObjectNode) withoutReplicas.get("spec")).remove("replicas");

    JsonNode after = ManagedFields.recordUpdate(afterScale, withoutReplicas, "kubectl-edit", T2);

    assertTrue(ManagedFields.read(after).stream().noneMatch(e -> e.manager().equals("hpa")));
    assertTrue(ManagedFields.read(after).stream().noneMatch(e -> e.manager().equals("kubectl-edit")),
        "a write that only removes owns nothing");
  }

  @Test
  void aWriteThatChangesNothingKeepsEntriesAndTimes() {
    JsonNode created = ManagedFields.recordUpdate(null, stored(deployment(3, "nginx:1.25")), "kubectl-create", T0);
    ObjectNode bumped = created.deepCopy();
    ((ObjectNode) bumped.get("metadata")).put("resourceVersion", "1300").put("generation", 2);

    assertEquals(bumped, ManagedFields.recordUpdate(created, bumped, "kubectl-create", T1));
  }

  @Test
  void aStatusWriteOwnsOnlyStatus() {
    JsonNode created = ManagedFields.recordUpdate(null, stored(deployment(3, "nginx:1.25")), "kubectl-create", T0);
    ObjectNode observed = created.deepCopy();
    ((ObjectNode) observed.get("status")).put("readyReplicas", 3);
    ((ObjectNode) observed.get("spec")).put("paused", true);

    JsonNode after = ManagedFields.recordUpdate(created, observed, "deployment-controller", "status", T1);

    ManagedFieldsEntry status = entry(after, "deployment-controller", "Update");
    assertEquals(FieldSet.of(Path.fields("status", "readyReplicas")), status.fields());
    assertEquals("status", status.subresource());
  }

  @Test
  void managedFieldsSentWithAPutAreKeptAndAnEmptyListResetsThem() {
    JsonNode created = ManagedFields.recordUpdate(null, stored(deployment(3, "nginx:1.25")), "kubectl-create", T0);
    ObjectNode reset = created.deepCopy();
    ((ObjectNode) reset.get("metadata")).set("managedFields", json("[]"));
    ((ObjectNode) reset.get("spec")).put("replicas", 4);

    JsonNode after = ManagedFields.recordUpdate(created, reset, "kubectl-replace", T1);

    assertEquals(List.of("kubectl-replace"), ManagedFields.read(after).stream().map(ManagedFieldsEntry::manager).toList());
    assertEquals(FieldSet.of(REPLICAS), entry(after, "kubectl-replace", "Update").fields());
  }

  @Test
  void invalidEntriesAreReportedInKubesWords() {
    JsonNode bad = json("""
        {'metadata':{'managedFields':[{'manager':'x','operation':'Patch','apiVersion':'v1','fieldsType':'FieldsV1'}]}}
        """);

    assertEquals("operation must be `Apply` or `Update`",
        assertThrows(IllegalArgumentException.class, () -> ManagedFields.read(bad)).getMessage());
  }
}
