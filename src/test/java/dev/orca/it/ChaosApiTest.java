package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /chaos/v1 over a bound port: off unless enabled, bad input as a Status, lasting faults that end by themselves. */
class ChaosApiTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String NODE = "sim-node-1";
  private static TestOrca orca;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.startReady(1);
    api = orca.api;
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  private static ApiClient.Response inject(String kind, String target, String duration) {
    return api.post("/chaos/v1/faults", "{\"kind\":\"" + kind + "\",\"target\":\"" + target + "\""
        + (duration == null ? "" : ",\"for\":\"" + duration + "\"") + "}");
  }

  private static int active() {
    return items(api.getJson("/chaos/v1/faults")).size();
  }

  private static String nodeReady() {
    for (JsonNode c : api.getJson("/api/v1/nodes/" + NODE).path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText();
      }
    }
    return "";
  }

  private static JsonNode runningPod(String name) {
    assertEquals(201, api.post("/api/v1/namespaces/default/pods", Manifests.pod(name, "")).code());
    return await(name + " ready", DEADLINE, () -> api.getJson("/api/v1/namespaces/default/pods/" + name),
        p -> p.path("status").path("containerStatuses").path(0).path("ready").asBoolean());
  }

  @Test
  void offUnlessEnabled() throws Exception {
    assertFalse(com.typesafe.config.ConfigFactory.load().getBoolean("orca.chaos.enabled"), "off in conf/");
    try (TestOrca off = TestOrca.start(0, Map.of("orca.chaos.enabled", false))) {
      for (ApiClient.Response r : new ApiClient.Response[] {
          off.api.post("/chaos/v1/faults", "{\"kind\":\"stop-heartbeats\",\"target\":\"node/x\",\"for\":\"1s\"}"),
          off.api.get("/chaos/v1/faults")}) {
        assertEquals(403, r.code(), r.body());
        assertEquals("Status", r.json().path("kind").asText());
        assertEquals("Forbidden", r.json().path("reason").asText());
        assertTrue(r.json().path("message").asText().contains("orca.chaos.enabled"), r.body());
      }
      assertEquals(200, off.api.get("/api/v1/namespaces/default/pods").code(), "the Kubernetes API is untouched");
    }
  }

  @Test
  void badInputIsAKubernetesStatusNeverA500() {
    assertStatus(400, api.post("/chaos/v1/faults", "{not json"), null);
    assertStatus(422, inject("explode", "node/" + NODE, "1s"), "kind");
    assertStatus(422, inject("stop-heartbeats", "pod/default/x", "1s"), "target");
    assertStatus(422, inject("stop-heartbeats", "node/" + NODE, "soon"), "for");
    assertStatus(422, inject("stop-heartbeats", "node/" + NODE, null), "for");
    assertStatus(422, inject("kill-jvm", "member/orca-1", "5s"), "kind");
    assertStatus(422, inject("partition", "members/127.0.0.1:1", "5s"), "kind"); // no Artery test mode here
    assertStatus(404, inject("crash-container", "pod/default/nope", null), null);
    assertStatus(404, inject("delete-pod", "pod/default/nope", null), null);
    assertStatus(404, inject("stop-heartbeats", "node/nope", "5s"), null);
    assertStatus(404, inject("kill-node-agent", "node/nope", "5s"), null);
    assertStatus(404, api.delete("/chaos/v1/faults/f999", null), null);
    assertStatus(405, api.put("/chaos/v1/faults", "{}"), null);
    assertEquals(0, active(), "nothing was left in effect");
  }

  private static void assertStatus(int code, ApiClient.Response r, String field) {
    assertEquals(code, r.code(), r.body());
    JsonNode status = r.json();
    assertEquals("Status", status.path("kind").asText(), r.body());
    assertEquals(code, status.path("code").asInt(), r.body());
    if (field != null) {
      assertEquals(field, status.path("details").path("causes").path(0).path("field").asText(), r.body());
    }
  }

  @Test
  void stoppedHeartbeatsResumeByThemselves() {
    ApiClient.Response r = inject("stop-heartbeats", "node/" + NODE, "5s");
    assertEquals(201, r.code(), r.body());
    JsonNode fault = r.json().path("items").path(0);
    assertEquals("stop-heartbeats", fault.path("kind").asText());
    assertEquals("node/" + NODE, fault.path("target").asText());
    ApiClient.Response again = inject("stop-heartbeats", "node/" + NODE, "5s");
    assertEquals(fault.path("id").asText(), again.json().path("items").path(0).path("id").asText(), "merged, not doubled");
    assertEquals(1, active());
    await(NODE + " not ready", DEADLINE, ChaosApiTest::nodeReady, s -> !s.equals("True"));
    await("the fault healed", DEADLINE, ChaosApiTest::active, n -> n == 0);
    await(NODE + " ready again", DEADLINE, ChaosApiTest::nodeReady, s -> s.equals("True"));
  }

  @Test
  void aKilledNodeAgentStartsAgainAndRunsItsPods() {
    runningPod("agent-victim");
    // shorter than the node's grace period (3 s here), so that the pod is not evicted meanwhile
    ApiClient.Response r = inject("kill-node-agent", "node/" + NODE, "2s");
    assertEquals(201, r.code(), r.body());
    assertEquals(1, active());
    await("the agent back", DEADLINE, ChaosApiTest::active, n -> n == 0);
    await("the pod crashed by a new agent", DEADLINE,
        () -> inject("crash-container", "pod/default/agent-victim", null),
        c -> c.code() == 200 && c.json().path("crashedContainers").asInt() == 1);
    await("agent-victim restarted and ready", DEADLINE, () -> api.getJson("/api/v1/namespaces/default/pods/agent-victim"),
        p -> p.path("status").path("containerStatuses").path(0).path("restartCount").asInt() >= 1
            && p.path("status").path("containerStatuses").path(0).path("ready").asBoolean());
  }

  @Test
  void aPodIsDeletedAndOneContainerCrashedByName() {
    runningPod("chaos-crash");
    ApiClient.Response none = inject("crash-container", "pod/default/chaos-crash/nope", null);
    assertEquals(200, none.code(), none.body());
    assertEquals(0, none.json().path("crashedContainers").asInt());
    ApiClient.Response one = inject("crash-container", "pod/default/chaos-crash/c", null);
    assertEquals(1, one.json().path("crashedContainers").asInt(), one.body());
    assertEquals(NODE, one.json().path("node").asText());

    runningPod("chaos-delete");
    ApiClient.Response deleted = inject("delete-pod", "pod/default/chaos-delete", null);
    assertEquals(200, deleted.code(), deleted.body());
    await("chaos-delete gone", DEADLINE, () -> api.get("/api/v1/namespaces/default/pods/chaos-delete").code(), c -> c == 404);
  }
}
