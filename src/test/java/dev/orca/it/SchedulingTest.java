package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scheduling as a user sees it: what fits, what does not and why, and what changes when nodes do. */
class SchedulingTest {
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

  static JsonNode pod(String name) {
    return api.getJson(NS + "/pods/" + name);
  }

  static JsonNode scheduledCondition(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("PodScheduled")) {
        return c;
      }
    }
    return null;
  }

  @Test
  void aPodBiggerThanAnyNodeStaysPendingWithTheReasonUntilABiggerNodeJoins() {
    String big = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"big"},
         "spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"8","memory":"1Gi"}}}]}}""";
    assertEquals(201, api.post(NS + "/pods", big).code());
    JsonNode pending = await("PodScheduled=False", DEADLINE, () -> pod("big"),
        p -> scheduledCondition(p) != null && scheduledCondition(p).path("status").asText().equals("False"));
    JsonNode condition = scheduledCondition(pending);
    assertEquals("Unschedulable", condition.path("reason").asText());
    assertTrue(condition.path("message").asText().contains("Insufficient cpu"), condition.toString());
    assertTrue(condition.path("message").asText().startsWith("0/"), condition.toString());
    assertEquals("Pending", pending.path("status").path("phase").asText());

    ApiClient.Response node = api.post("/api/v1/nodes",
        Manifests.simulatedNode("big-node", "16", "64Gi", "{\"size\":\"big\"}", "[]"));
    assertEquals(201, node.code(), node.body());
    JsonNode running = await("the big pod running on the big node", DEADLINE, () -> pod("big"),
        p -> p.path("status").path("phase").asText().equals("Running"));
    assertEquals("big-node", running.path("spec").path("nodeName").asText());
  }

  @Test
  void nodeSelectorPicksTheLabelledNode() {
    assertEquals(201, api.post("/api/v1/nodes",
        Manifests.simulatedNode("ssd-node", "4", "8Gi", "{\"disk\":\"ssd\"}", "[]")).code());
    assertEquals(201, api.post(NS + "/pods", Manifests.pod("wants-ssd", "\"nodeSelector\":{\"disk\":\"ssd\"}")).code());
    JsonNode p = await("wants-ssd bound", DEADLINE, () -> pod("wants-ssd"), x -> !x.path("spec").path("nodeName").isMissingNode());
    assertEquals("ssd-node", p.path("spec").path("nodeName").asText());

    assertEquals(201, api.post(NS + "/pods", Manifests.pod("wants-nvme", "\"nodeSelector\":{\"disk\":\"nvme\"}")).code());
    JsonNode none = await("wants-nvme unschedulable", DEADLINE, () -> pod("wants-nvme"), x -> scheduledCondition(x) != null);
    assertTrue(scheduledCondition(none).path("message").asText().contains("didn't match Pod's node affinity/selector"),
        scheduledCondition(none).toString());
  }

  @Test
  void anUnschedulableNodeGetsNoNewPods() {
    String cordoned = Manifests.simulatedNode("cordoned", "4", "8Gi", "{\"pool\":\"cordoned\"}", "[]")
        .replace("\"spec\":{", "\"spec\":{\"unschedulable\":true,");
    assertEquals(201, api.post("/api/v1/nodes", cordoned).code());
    assertEquals(201, api.post(NS + "/pods", Manifests.pod("to-cordoned", "\"nodeSelector\":{\"pool\":\"cordoned\"}")).code());
    JsonNode refused = await("to-cordoned unschedulable", DEADLINE, () -> pod("to-cordoned"), x -> scheduledCondition(x) != null);
    assertTrue(scheduledCondition(refused).path("message").asText().contains("node(s) were unschedulable"),
        scheduledCondition(refused).toString());

    ApiClient.Response uncordoned = api.update("/api/v1/nodes/cordoned",
        n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("spec")).put("unschedulable", false));
    assertEquals(200, uncordoned.code(), uncordoned.body());
    JsonNode bound = await("to-cordoned bound after uncordon", DEADLINE, () -> pod("to-cordoned"),
        x -> !x.path("spec").path("nodeName").isMissingNode());
    assertEquals("cordoned", bound.path("spec").path("nodeName").asText());
  }

  @Test
  void taintsKeepPodsOffUnlessTolerated() {
    String taint = "[{\"key\":\"dedicated\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}]";
    assertEquals(201, api.post("/api/v1/nodes", Manifests.simulatedNode("gpu-node", "4", "8Gi", "{\"gpu\":\"yes\"}", taint)).code());
    assertEquals(201, api.post(NS + "/pods", Manifests.pod("gpu-intolerant", "\"nodeSelector\":{\"gpu\":\"yes\"}")).code());
    JsonNode refused = await("gpu-intolerant unschedulable", DEADLINE, () -> pod("gpu-intolerant"), x -> scheduledCondition(x) != null);
    assertTrue(scheduledCondition(refused).path("message").asText().contains("untolerated taint {dedicated: gpu}"),
        scheduledCondition(refused).toString());

    String tolerates = "\"nodeSelector\":{\"gpu\":\"yes\"},"
        + "\"tolerations\":[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}]";
    assertEquals(201, api.post(NS + "/pods", Manifests.pod("gpu-tolerant", tolerates)).code());
    JsonNode p = await("gpu-tolerant bound", DEADLINE, () -> pod("gpu-tolerant"), x -> !x.path("spec").path("nodeName").isMissingNode());
    assertEquals("gpu-node", p.path("spec").path("nodeName").asText());
  }

  @Test
  void requiredAntiAffinityPutsEachReplicaOnItsOwnNode() {
    String deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"solo"},
         "spec":{"replicas":4,"selector":{"matchLabels":{"app":"solo"}},
          "template":{"metadata":{"labels":{"app":"solo"}},
           "spec":{"nodeSelector":{"type":"simulated"},
            "affinity":{"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[
              {"labelSelector":{"matchLabels":{"app":"solo"}},"topologyKey":"kubernetes.io/hostname"}]}},
            "containers":[{"name":"c","image":"busybox"}]}}}}""";
    assertEquals(201, api.post("/apis/apps/v1/namespaces/default/deployments", deployment).code());
    List<JsonNode> pods = await("3 solo pods bound and 1 unschedulable", DEADLINE,
        () -> items(api.getJson(NS + "/pods?labelSelector=app%3Dsolo")),
        ps -> ps.size() == 4 && ps.stream().filter(x -> !x.path("spec").path("nodeName").isMissingNode()).count() >= 3
            && ps.stream().anyMatch(x -> scheduledCondition(x) != null
                && scheduledCondition(x).path("status").asText().equals("False")));
    Set<String> nodes = new HashSet<>();
    for (JsonNode p : pods) {
      if (!p.path("spec").path("nodeName").isMissingNode()) {
        assertTrue(nodes.add(p.path("spec").path("nodeName").asText()), "two solo pods on one node: " + nodes);
      } else {
        assertTrue(scheduledCondition(p).path("message").asText().contains("anti-affinity"), scheduledCondition(p).toString());
      }
    }
  }
}
