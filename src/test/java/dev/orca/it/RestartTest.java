package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** kill -9 the JVM and start it again: the same objects, uids and resourceVersions, no extra pods, and control resumes. */
class RestartTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String[] KINDS = {"/api/v1/namespaces", "/api/v1/nodes", "/api/v1/pods",
      "/apis/apps/v1/replicasets", "/apis/apps/v1/deployments"};

  /**
   * Every object by kind and name → uid@resourceVersion; a node by uid only, since its agent
   * registers it again from the restarted JVM (a new member address on it).
   */
  static Map<String, String> inventory(ApiClient api) {
    Map<String, String> all = new TreeMap<>();
    for (String kind : KINDS) {
      for (JsonNode o : items(api.getJson(kind))) {
        JsonNode m = o.path("metadata");
        all.put(kind + "/" + m.path("namespace").asText() + "/" + m.path("name").asText(),
            m.path("uid").asText() + (kind.endsWith("/nodes") ? "" : "@" + m.path("resourceVersion").asText()));
      }
    }
    return all;
  }

  static boolean up(ApiClient api) {
    try {
      return api.get("/api/v1/namespaces").code() == 200;
    } catch (AssertionError e) {
      return false;
    }
  }

  @Test
  void aKilledOrcaComesBackWithTheSameObjectsAndConvergesAgain() throws Exception {
    Path data = Files.createTempDirectory("orca-restart-");
    int port = OrcaProcess.freePort();
    ApiClient api = new ApiClient(port);
    String[] fast = {"orca.runtime.simulated-start-delay=100ms"};
    Map<String, String> before;
    try (OrcaProcess first = OrcaProcess.start(data, port, 3, fast)) {
      await("the first Orca to serve", DEADLINE, () -> up(api), ok -> ok);
      assertEquals(201, api.post("/apis/apps/v1/namespaces/default/deployments", Manifests.deployment("durable", 4, "nginx")).code());
      await("4 available", DEADLINE, () -> api.getJson("/apis/apps/v1/namespaces/default/deployments/durable"),
          d -> d.path("status").path("availableReplicas").asInt() == 4
              && d.path("status").path("observedGeneration").asLong() == d.path("metadata").path("generation").asLong());
      before = await("a settled journal", DEADLINE, () -> inventory(api), inv -> {
        try {
          Thread.sleep(1500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return inv.equals(inventory(api));
      });
      // the last acknowledged write, killed right after its 201, must survive too
      ApiClient.Response last = api.post("/api/v1/namespaces",
          "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"last-word\"}}");
      assertEquals(201, last.code(), last.body());
      first.kill();
      JsonNode m = last.json().path("metadata");
      before = new TreeMap<>(before);
      before.put("/api/v1/namespaces//last-word", m.path("uid").asText() + "@" + m.path("resourceVersion").asText());
    }

    try (OrcaProcess second = OrcaProcess.start(data, port, 3, fast)) {
      await("the second Orca to serve", DEADLINE, () -> up(api), ok -> ok);
      Map<String, String> after = inventory(api);
      assertEquals(before, after, "objects, uids and resourceVersions after kill -9");

      long pods = items(api.getJson("/api/v1/namespaces/default/pods?labelSelector=app%3Ddurable")).size();
      assertEquals(4, pods, "no extra pods");

      ApiClient.Response scaled = api.update("/apis/apps/v1/namespaces/default/deployments/durable",
          d -> ((ObjectNode) d.path("spec")).put("replicas", 5));
      assertEquals(200, scaled.code(), scaled.body());
      await("the controllers converge on 5", DEADLINE,
          () -> api.getJson("/apis/apps/v1/namespaces/default/deployments/durable"),
          d -> d.path("status").path("availableReplicas").asInt() == 5);
      List<JsonNode> finalPods = items(api.getJson("/api/v1/namespaces/default/pods?labelSelector=app%3Ddurable"));
      assertEquals(5, finalPods.size());
    } finally {
      TestOrca.deleteTree(data);
    }
  }
}
