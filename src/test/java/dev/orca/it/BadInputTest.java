package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad requests get the right Status and a message naming the problem; nothing is lost and the server keeps serving. */
class BadInputTest {
  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
  private static TestOrca orca;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.start(1);
    api = orca.api;
    assertEquals(201, api.post(DEPLOYMENTS, Manifests.deployment("keep", 1, "nginx")).code());
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  /** After every bad request: the server answers, and the existing object is intact and still writable. */
  @AfterEach
  void serverKeepsServing() {
    JsonNode keep = api.getJson(DEPLOYMENTS + "/keep");
    assertEquals("keep", keep.path("metadata").path("name").asText());
    ApiClient.Response touched = api.update(DEPLOYMENTS + "/keep",
        d -> ((ObjectNode) d.path("metadata").path("labels")).put("checked", Long.toString(System.nanoTime())));
    assertEquals(200, touched.code(), touched.body());
    assertEquals(keep.path("metadata").path("uid").asText(), touched.json().path("metadata").path("uid").asText());
  }

  static JsonNode expectStatus(ApiClient.Response r, int code, String reason, String... messageParts) {
    assertEquals(code, r.code(), r.body());
    JsonNode status = r.json();
    assertEquals("Status", status.path("kind").asText(), r.body());
    assertEquals("Failure", status.path("status").asText(), r.body());
    assertEquals(code, status.path("code").asInt(), r.body());
    assertEquals(reason, status.path("reason").asText(), r.body());
    for (String part : messageParts) {
      assertTrue(status.path("message").asText().contains(part), "message lacks '" + part + "': " + r.body());
    }
    return status;
  }

  @Test
  void malformedJson() {
    expectStatus(api.post(DEPLOYMENTS, "{\"apiVersion\": \"apps/v1\", \"kind\": "), 400, "BadRequest");
  }

  @Test
  void malformedYaml() {
    ApiClient.Response r = api.postYaml(DEPLOYMENTS, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [oops\n");
    expectStatus(r, 400, "BadRequest", "line");
  }

  @Test
  void invalidName() {
    expectStatus(api.post(DEPLOYMENTS, Manifests.deployment("Not_A_Name", 1, "nginx")), 422, "Invalid", "metadata.name");
  }

  @Test
  void selectorThatDoesNotMatchTheTemplate() {
    String body = Manifests.deployment("mismatch", 1, "nginx").replace("\"template\":{\"metadata\":{\"labels\":{\"app\":\"mismatch\"}}",
        "\"template\":{\"metadata\":{\"labels\":{\"app\":\"other\"}}");
    JsonNode status = expectStatus(api.post(DEPLOYMENTS, body), 422, "Invalid", "selector does not match template labels");
    assertEquals("spec.template.metadata.labels", status.path("details").path("causes").get(0).path("field").asText());
  }

  @Test
  void negativeReplicas() {
    expectStatus(api.post(DEPLOYMENTS, Manifests.deployment("negative", -1, "nginx")), 422, "Invalid",
        "spec.replicas", "must be greater than or equal to 0");
  }

  @Test
  void unknownKindInTheBody() {
    String body = Manifests.deployment("weird", 1, "nginx").replace("\"kind\":\"Deployment\"", "\"kind\":\"Frobnicator\"");
    expectStatus(api.post(DEPLOYMENTS, body), 400, "BadRequest", "Frobnicator");
  }

  @Test
  void unknownApiVersionInTheBody() {
    String body = Manifests.deployment("weird", 1, "nginx").replace("\"apiVersion\":\"apps/v1\"", "\"apiVersion\":\"apps/v9\"");
    expectStatus(api.post(DEPLOYMENTS, body), 400, "BadRequest", "apps/v9");
  }

  @Test
  void unknownGroupVersionPath() {
    expectStatus(api.get("/apis/frobnicators.example.com/v1/namespaces/default/frobnicators"), 404, "NotFound");
  }

  @Test
  void bodyOverThreeMebibytes() {
    String padding = "x".repeat(3 * 1024 * 1024 + 100);
    String body = Manifests.deployment("huge", 1, "nginx").replace("\"labels\":{\"app\":\"huge\"}",
        "\"labels\":{\"app\":\"huge\"},\"annotations\":{\"pad\":\"" + padding + "\"}");
    expectStatus(api.post(DEPLOYMENTS, body), 413, "RequestEntityTooLarge");
  }

  @Test
  void putWithAStaleResourceVersion() {
    ObjectNode stale = (ObjectNode) api.getJson(DEPLOYMENTS + "/keep");
    assertEquals(200, api.update(DEPLOYMENTS + "/keep",
        d -> ((ObjectNode) d.path("metadata").path("labels")).put("newer", "yes")).code());
    ((ObjectNode) stale.path("metadata").path("labels")).put("stale", "yes");
    expectStatus(api.put(DEPLOYMENTS + "/keep", stale.toString()), 409, "Conflict", "the object has been modified");
  }

  @Test
  void createOverAnExistingName() {
    expectStatus(api.post(DEPLOYMENTS, Manifests.deployment("keep", 1, "nginx")), 409, "AlreadyExists", "keep");
  }

  @Test
  void unknownObject() {
    expectStatus(api.get(DEPLOYMENTS + "/nope"), 404, "NotFound", "deployments", "nope");
  }

  // ---- the patch surface: each refused, and the object is left as it was ----

  /** What a user wrote of the object (its controller may still write its status meanwhile). */
  private static String keepVersion() {
    JsonNode keep = api.getJson(DEPLOYMENTS + "/keep");
    return keep.path("spec").toString() + keep.path("metadata").path("labels") + keep.path("metadata").path("annotations")
        + keep.path("metadata").path("generation");
  }

  private static ApiClient.Response patch(String contentType, String body) {
    return api.send("PATCH", DEPLOYMENTS + "/keep", body, contentType);
  }

  @Test
  void unknownPatchType() {
    String before = keepVersion();
    expectStatus(patch("application/x-frobnicate-patch", "{}"), 415, "UnsupportedMediaType", "application/merge-patch+json");
    assertEquals(before, keepVersion());
  }

  @Test
  void malformedPatch() {
    String before = keepVersion();
    expectStatus(patch("application/merge-patch+json", "{\"spec\": "), 400, "BadRequest");
    expectStatus(patch("application/json-patch+json", "{\"op\":\"replace\"}"), 400, "BadRequest");
    assertEquals(before, keepVersion());
  }

  @Test
  void patchThatWouldMakeTheObjectInvalid() {
    String before = keepVersion();
    expectStatus(patch("application/merge-patch+json", "{\"spec\":{\"replicas\":-3}}"), 422, "Invalid",
        "spec.replicas", "must be greater than or equal to 0");
    assertEquals(before, keepVersion());
  }

  @Test
  void jsonPatchTestThatFails() {
    String before = keepVersion();
    expectStatus(patch("application/json-patch+json", "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":42}]"),
        422, "Invalid");
    assertEquals(before, keepVersion());
  }

  @Test
  void applyWithADifferentKindAtTheSameName() {
    String before = keepVersion();
    String pod = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"keep\"}}";
    ApiClient.Response r = api.send("PATCH", DEPLOYMENTS + "/keep?fieldManager=test", pod, "application/apply-patch+yaml");
    expectStatus(r, 400, "BadRequest", "does not match the expected API version (apps/v1)");
    assertEquals(before, keepVersion());
  }

  @Test
  void strictFieldValidationNamesTheUnknownField() {
    String body = Manifests.deployment("strict", 1, "nginx").replace("\"replicas\":1", "\"replicas\":1,\"replicass\":2");
    ApiClient.Response r = api.post(DEPLOYMENTS + "?fieldValidation=Strict", body);
    expectStatus(r, 400, "BadRequest", "unknown field \"spec.replicass\"");
    assertEquals(404, api.get(DEPLOYMENTS + "/strict").code());
  }
}
