package dev.orca.api.patch;

import static dev.orca.api.patch.JsonTesting.assertJson;
import static dev.orca.api.patch.JsonTesting.json;
import static dev.orca.api.patch.JsonTesting.wire;
import static dev.orca.api.patch.JsonTesting.wireJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dispatch by Content-Type, and the bodies kubectl sent in the wire logs (shared/reference/kubectl-wire). */
class PatchesTest {
  private static final String SMP = "application/strategic-merge-patch+json";

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static PatchException failure(String contentType, String body, String kind) {
    return assertThrows(PatchException.class,
        () -> Patches.apply(contentType, json("{\"metadata\":{\"name\":\"web\"}}"), bytes(body), kind));
  }

  @Test
  void kubectlApplyChangingTheImage() {
    // apply-2-patch: GET #123, PATCH #125
    JsonNode live = wireJson("apply-2-patch.live.json");
    byte[] body = wire("apply-2-patch.body.json");
    JsonNode result = Patches.apply("application/strategic-merge-patch+json", live, body, "Deployment");

    assertJson(wireJson("apply-2-patch.response-spec.json"), result.get("spec"));
    JsonNode annotations = result.get("metadata").get("annotations");
    assertEquals(json(new String(body, StandardCharsets.UTF_8)).get("metadata").get("annotations")
        .get("kubectl.kubernetes.io/last-applied-configuration"), annotations.get("kubectl.kubernetes.io/last-applied-configuration"));
    assertEquals("1", annotations.get("deployment.kubernetes.io/revision").textValue());
    // what the patch does not name is as it was
    ObjectNode rest = result.deepCopy();
    ObjectNode before = live.deepCopy();
    for (ObjectNode object : new ObjectNode[] {rest, before}) {
      object.remove("spec");
      ((ObjectNode) object.get("metadata")).remove("annotations");
    }
    assertJson(before, rest);
  }

  @Test
  void kubectlApplyRollingTheImageBack() {
    // apply-v1-again: the same patch shape, back to nginx:1.25, keeps the ports the patch leaves out
    JsonNode updated = Patches.apply(SMP, wireJson("apply-2-patch.live.json"), wire("apply-2-patch.body.json"), "Deployment");
    JsonNode result = Patches.apply(SMP, updated, wire("apply-v1-again.body.json"), "Deployment");
    assertJson("[{\"image\":\"nginx:1.25\",\"name\":\"nginx\",\"ports\":[{\"containerPort\":80}]}]",
        result.get("spec").get("template").get("spec").get("containers"));
  }

  @Test
  void kubectlCordonAndUncordon() {
    JsonNode live = wireJson("cordon.live.json");
    JsonNode cordoned = Patches.apply(SMP, live, wire("cordon.body.json"), "Node");
    // the server's answer, but for the generation and resourceVersion the store bumps
    ObjectNode expected = wireJson("cordon.response.json").deepCopy();
    ((ObjectNode) expected.get("metadata")).setAll((ObjectNode) json("{\"generation\":1,\"resourceVersion\":\"1005\"}"));
    assertJson(expected, cordoned);

    JsonNode uncordoned = Patches.apply(SMP, cordoned, wire("uncordon.body.json"), "Node");
    assertJson(live, uncordoned);
  }

  @Test
  void kubectlRolloutRestart() {
    JsonNode live = wireJson("rollout-restart.live.json");
    JsonNode result = Patches.apply(SMP, live, wire("rollout-restart.body.json"), "Deployment");
    ObjectNode expected = live.deepCopy();
    ((ObjectNode) expected.get("spec").get("template").get("metadata"))
        .set("annotations", json("{\"kubectl.kubernetes.io/restartedAt\":\"2026-11-27T00:29:17Z\"}"));
    assertJson(expected, result);
  }

  @Test
  void kubectlRolloutUndo() {
    JsonNode live = wireJson("rollout-undo.live.json");
    JsonNode body = wireJson("rollout-undo.body.json");
    JsonNode result = Patches.apply("application/json-patch+json", live, wire("rollout-undo.body.json"), "Deployment");
    assertJson(body.get(0).get("value"), result.get("spec").get("template"));
    assertJson(body.get(1).get("value"), result.get("metadata").get("annotations"));
    assertTrue(result.get("spec").get("template").get("metadata").get("creationTimestamp").isNull());
    assertEquals(3, result.get("spec").get("replicas").intValue());
    assertJson(live.get("status"), result.get("status"));
  }

  @Test
  void kubectlScale() {
    JsonNode scale = json("""
        {"kind":"Scale","apiVersion":"autoscaling/v1",
         "metadata":{"name":"web","namespace":"default","uid":"43c27d6c-c867-45b8-a679-e828af615425",
                     "resourceVersion":"1130","creationTimestamp":"2026-11-27T00:29:05Z"},
         "spec":{"replicas":3},"status":{"replicas":3,"selector":"app=web"}}""");
    JsonNode result = Patches.apply("application/merge-patch+json", scale, wire("scale.body.json"), "Scale");
    assertEquals(5, result.get("spec").get("replicas").intValue());
    assertJson(scale.get("status"), result.get("status"));
  }

  @Test
  void contentTypeParametersAndCaseDoNotMatter() {
    JsonNode result = Patches.apply("Application/Merge-Patch+JSON; charset=utf-8", json("{\"a\":1}"), bytes("{\"b\":2}"), "Pod");
    assertJson("{\"a\":1,\"b\":2}", result);
    assertTrue(Patches.handles("application/json-patch+json"));
    assertFalse(Patches.handles("application/apply-patch+yaml"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "application/yaml", "text/plain", ""})
  void otherContentTypesAre415(String contentType) {
    PatchException e = failure(contentType, "{}", "Deployment");
    assertEquals(PatchException.Kind.UNSUPPORTED_MEDIA_TYPE, e.kind());
    assertEquals(415, e.code());
    assertEquals("UnsupportedMediaType", e.reason());
    assertEquals("the body of the request was in an unknown format - accepted media types include: "
        + "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, "
        + "application/apply-patch+yaml", e.getMessage());
    assertEquals(PatchException.Kind.UNSUPPORTED_MEDIA_TYPE,
        assertThrows(PatchException.class, () -> Patches.apply(null, json("{}"), bytes("{}"), "Pod")).kind());
  }

  @Test
  void strategicMergeOfAKindWithoutSchemaIs415AsForACustomResource() {
    PatchException e = failure(SMP, "{}", "Widget");
    assertEquals(415, e.code());
    assertEquals("the body of the request was in an unknown format - accepted media types include: "
        + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml", e.getMessage());
  }

  @Test
  void serverSideApplyIsNotForPatches() {
    assertThrows(IllegalArgumentException.class,
        () -> Patches.apply("application/apply-patch+yaml", json("{}"), bytes("{}"), "Deployment"));
  }

  @Test
  void malformedBodiesAre400() {
    PatchException notJson = failure(SMP, "{\"spec\":", "Deployment");
    assertEquals(PatchException.Kind.INVALID, notJson.kind());
    assertEquals(400, notJson.code());
    assertEquals("BadRequest", notJson.reason());
    assertTrue(notJson.getMessage().contains("line 1, column"), notJson.getMessage());

    assertEquals("unexpected end of JSON input", failure(SMP, "  ", "Deployment").getMessage());
    assertEquals("error decoding patch: unexpected end of JSON input",
        failure("application/merge-patch+json", "", "Deployment").getMessage());
    assertTrue(failure(SMP, "{} {}", "Deployment").getMessage().startsWith("invalid character after top-level value"));
    assertTrue(failure("application/json-patch+json", "[{\"op\":\"add\"", "Deployment").getMessage()
        .startsWith("error decoding patch: "));
    assertEquals("error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}",
        failure("application/merge-patch+json", "[{\"a\":1}]", "Deployment").getMessage());
    assertEquals("json: cannot unmarshal string into Go value of type map[string]interface {}",
        failure(SMP, "\"spec\"", "Deployment").getMessage());
    assertEquals("error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp",
        failure("application/json-patch+json", "{\"op\":\"add\"}", "Deployment").getMessage());
  }

  @Test
  void aFailedTestOperationIs422WithKubesMessage() {
    PatchException e = assertThrows(PatchException.class, () -> Patches.apply("application/json-patch+json",
        json("{\"spec\":{\"replicas\":3}}"), bytes("[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":5}]"), "Deployment"));
    assertEquals(PatchException.Kind.UNPROCESSABLE, e.kind());
    assertEquals(422, e.code());
    assertEquals("Invalid", e.reason());
    assertEquals("the server rejected our request due to an error in our request", e.getMessage());
    assertEquals("testing value /spec/replicas failed: test failed", e.detail());
  }

  @Test
  void jsonPatchesOfMoreThan10000OperationsAre413() {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i <= Patches.MAX_JSON_PATCH_OPERATIONS; i++) {
      body.append(i > 0 ? "," : "").append("{\"op\":\"test\",\"path\":\"\",\"value\":{}}");
    }
    PatchException e = failure("application/json-patch+json", body.append(']').toString(), "Pod");
    assertEquals(413, e.code());
    assertEquals("RequestEntityTooLarge", e.reason());
    assertEquals("Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001",
        e.getMessage());
  }

  @Test
  void nullBodiesChangeNothing() {
    JsonNode live = json("{\"metadata\":{\"name\":\"web\"}}");
    for (String type : new String[] {"application/json-patch+json", "application/merge-patch+json", SMP}) {
      assertJson(live, Patches.apply(type, live, bytes("null"), "Pod"));
    }
  }
}
