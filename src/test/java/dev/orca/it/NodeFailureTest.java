package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node that stops heartbeating turns NotReady, and its pods are replaced on the other nodes. */
class NodeFailureTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.startReady(3);
    api = orca.api;
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  static List<JsonNode> pods() {
    return items(api.getJson(NS + "/pods?labelSelector=app%3Dheal"));
  }

  static boolean ready(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  static String readyStatusOf(String node) {
    for (JsonNode c : api.getJson("/api/v1/nodes/" + node).path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText();
      }
    }
    return "";
  }

  @Test
  void podsOfASilentNodeAreReplacedElsewhere() {
    assertEquals(201, api.post("/apis/apps/v1/namespaces/default/deployments", Manifests.deployment("heal", 6, "nginx")).code());
    List<JsonNode> before = await("6 ready pods", DEADLINE, NodeFailureTest::pods,
        ps -> ps.size() == 6 && ps.stream().allMatch(NodeFailureTest::ready));
    String victim = before.get(0).path("spec").path("nodeName").asText();
    Set<String> victimPods = before.stream().filter(p -> p.path("spec").path("nodeName").asText().equals(victim))
        .map(p -> p.path("metadata").path("name").asText()).collect(Collectors.toSet());
    assertFalse(victimPods.isEmpty());

    long rv = api.getJson(NS + "/pods").path("metadata").path("resourceVersion").asLong();
    ApiClient.Watch watch = api.watch(NS + "/pods?watch=true&labelSelector=app%3Dheal&resourceVersion=" + rv);
    ApiClient.Response fault = api.post("/chaos/v1/faults",
        "{\"kind\":\"stop-heartbeats\",\"target\":\"node/" + victim + "\",\"for\":\"10m\"}");
    assertEquals(201, fault.code(), fault.body());

    await(victim + " not ready", DEADLINE, () -> readyStatusOf(victim), s -> !s.equals("True"));
    List<JsonNode> after = await("6 ready pods off " + victim, DEADLINE, NodeFailureTest::pods, ps ->
        ps.stream().filter(p -> ready(p) && !p.path("spec").path("nodeName").asText().equals(victim)
            && p.path("status").path("phase").asText().equals("Running")).count() == 6);
    for (JsonNode p : after) {
      String name = p.path("metadata").path("name").asText();
      if (ready(p) && p.path("status").path("phase").asText().equals("Running")) {
        assertFalse(victimPods.contains(name), "a pod of the lost node was not replaced: " + name);
      }
    }
    Set<String> lost = new java.util.HashSet<>();
    Set<String> markedNotReady = new java.util.HashSet<>();
    try (watch) {
      for (JsonNode event : watch.events()) {
        JsonNode status = event.path("object").path("status");
        for (JsonNode c : status.path("conditions")) {
          if (status.path("phase").asText().equals("Running") && c.path("type").asText().equals("Ready")
              && c.path("status").asText().equals("False") && c.path("reason").asText().equals("NodeNotReady")) {
            markedNotReady.add(event.path("object").path("metadata").path("name").asText());
          }
        }
        if (status.path("phase").asText().equals("Failed") && status.path("reason").asText().equals("NodeLost")) {
          lost.add(event.path("object").path("metadata").path("name").asText());
        }
      }
    }
    assertEquals(victimPods, markedNotReady, "every pod of the node was marked not ready when the node went NotReady");
    assertEquals(victimPods, lost, "every pod of the lost node failed with reason NodeLost");
    JsonNode deployment = await("deployment back to 6 available", DEADLINE,
        () -> api.getJson("/apis/apps/v1/namespaces/default/deployments/heal"),
        d -> d.path("status").path("availableReplicas").asInt() == 6);
    assertTrue(deployment.path("status").path("availableReplicas").asInt() == 6);
  }
}
