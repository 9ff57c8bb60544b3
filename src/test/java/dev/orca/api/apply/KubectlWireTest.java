package dev.orca.api.apply;

import static dev.orca.api.apply.ApplyFixtures.T0;
import static dev.orca.api.apply.ApplyFixtures.T1;
import static dev.orca.api.apply.ApplyFixtures.T2;
import static dev.orca.api.apply.ApplyFixtures.applied;
import static dev.orca.api.apply.ApplyFixtures.json;
import static dev.orca.api.apply.ApplyFixtures.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request bodies kubectl 1.32 sent in {@code kubectl-wire/ssa-create} and {@code ssa-update}
 * (create, change the image, then {@code kubectl-last-applied} applying the annotation), applied
 * in sequence.
 */
class KubectlWireTest {
  private static final JsonNode WIRE = ApplyFixtures.resource("ssa-wire.json");

  @Test
  void theWireBodiesGiveKubesManagedFields() {
    JsonNode created = stored(applied(ServerSideApply.apply(null, WIRE.get("create"), "kubectl", false, T0)));
    JsonNode updated = applied(ServerSideApply.apply(created, WIRE.get("update"), "kubectl", false, T1));
    JsonNode annotated = applied(ServerSideApply.apply(updated, WIRE.get("lastApplied"), "kubectl-last-applied",
        false, T2));

    assertEquals("nginx:1.26", annotated.at("/spec/template/spec/containers/0/image").asText());
    assertEquals(WIRE.at("/lastApplied/metadata/annotations"), annotated.at("/metadata/annotations"));
    JsonNode managedFields = annotated.at("/metadata/managedFields");
    assertEquals(json("""
        [{'manager':'kubectl','operation':'Apply','apiVersion':'apps/v1','time':'2026-11-27T00:29:10Z',
          'fieldsType':'FieldsV1','fieldsV1':%s},
         {'manager':'kubectl-last-applied','operation':'Apply','apiVersion':'apps/v1','time':'2026-11-27T00:29:15Z',
          'fieldsType':'FieldsV1',
          'fieldsV1':{'f:metadata':{'f:annotations':{'f:kubectl.kubernetes.io/last-applied-configuration':{}}}}}]
        """.formatted(FieldSetTest.DEPLOYMENT_FIELDS)), managedFields);
    for (JsonNode entry : managedFields) {
      assertEquals(List.of("manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1"),
          fieldNames(entry), "the entry shape of the wire log");
    }
  }

  private static List<String> fieldNames(JsonNode entry) {
    List<String> names = new java.util.ArrayList<>();
    entry.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
