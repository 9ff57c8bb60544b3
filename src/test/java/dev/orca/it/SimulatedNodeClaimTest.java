package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A simulated node created through the API (KWOK style) in one JVM: its worker claims it — the
 * node names the worker's prefix and address, as the worker's own simulated nodes do — and runs
 * it; the claim survives a replace or an apply of the manifest the node was created from; a node
 * that names another worker is left alone.
 */
class SimulatedNodeClaimTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String NODES = "/api/v1/nodes";
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

  @Test
  void anApiCreatedSimulatedNodeIsClaimedByItsWorkerAndGoesReady() {
    String manifest = Manifests.simulatedNode("kwok-claimed", "4", "8Gi", "{\"pool\":\"kwok-claimed\"}", "[]");
    assertEquals(201, api.post(NODES, manifest).code());
    String self = annotation(api.getJson(NODES + "/sim-node-1"), "orca.dev/member");
    JsonNode node = await("kwok-claimed claimed and Ready", DEADLINE, () -> api.getJson(NODES + "/kwok-claimed"),
        n -> ready(n) && !annotation(n, "orca.dev/member").isEmpty());
    assertEquals("sim-node-", annotation(node, "orca.dev/simulated-by"), node.toString());
    assertEquals(self, annotation(node, "orca.dev/member"), "the member that runs sim-node-1 runs it");

    // the agent runs it: a pod that can only go there runs
    assertEquals(201, api.post("/api/v1/namespaces/default/pods",
        Manifests.pod("on-kwok", "\"nodeSelector\":{\"pool\":\"kwok-claimed\"}")).code());
    await("on-kwok Running", DEADLINE, () -> api.getJson("/api/v1/namespaces/default/pods/on-kwok"),
        p -> p.path("status").path("phase").asText().equals("Running"));

    // the manifest again, which does not name the worker: replaced, and applied server-side
    ApiClient.Response replaced = api.put(NODES + "/kwok-claimed", manifest);
    assertEquals(200, replaced.code(), replaced.body());
    assertEquals(self, annotation(replaced.json(), "orca.dev/member"), replaced.body());
    assertEquals("sim-node-", annotation(replaced.json(), "orca.dev/simulated-by"), replaced.body());
    String labelled = manifest.replace("\"pool\":\"kwok-claimed\"", "\"pool\":\"kwok-claimed\",\"applied\":\"yes\"");
    ApiClient.Response applied = api.patch(NODES + "/kwok-claimed?fieldManager=claim-test", "application/apply-patch+yaml",
        labelled);
    assertEquals(200, applied.code(), applied.body());
    assertEquals("yes", applied.json().path("metadata").path("labels").path("applied").asText(), applied.body());
    assertEquals(self, annotation(applied.json(), "orca.dev/member"), applied.body());
    assertTrue(ready(api.getJson(NODES + "/kwok-claimed")));
  }

  @Test
  void aSimulatedNodeThatNamesAnotherWorkerIsLeftAlone() {
    assertEquals(201, api.post(NODES, Manifests.simulatedNodeFor("other-sim-", "kwok-elsewhere", "{}")).code());
    // the worker takes node changes in journal order: once it ran the next node, it has seen this one
    assertEquals(201, api.post(NODES, Manifests.simulatedNode("kwok-after", "4", "8Gi", "{}", "[]")).code());
    await("kwok-after Ready", DEADLINE, () -> api.getJson(NODES + "/kwok-after"), SimulatedNodeClaimTest::ready);
    JsonNode node = api.getJson(NODES + "/kwok-elsewhere");
    assertEquals("other-sim-", annotation(node, "orca.dev/simulated-by"), node.toString());
    assertEquals("", annotation(node, "orca.dev/member"), node.toString());
    assertFalse(ready(node), node.toString());
  }

  static String annotation(JsonNode node, String key) {
    return node.path("metadata").path("annotations").path(key).asText("");
  }

  /** Whether the node's Ready condition is True. */
  static boolean ready(JsonNode node) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }
}
