package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A Deployment's whole life over HTTP: create, roll, scale, self-heal. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentLifecycleTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final String APPS = "/apis/apps/v1/namespaces/default";
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

  static List<JsonNode> livePods(String app) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode pod : items(api.getJson(NS + "/pods?labelSelector=app%3D" + app))) {
      if (pod.path("metadata").path("deletionTimestamp").isMissingNode()) {
        out.add(pod);
      }
    }
    return out;
  }

  static boolean runningAndReady(JsonNode pod) {
    if (!pod.path("status").path("phase").asText().equals("Running")) {
      return false;
    }
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  static long readyCount(List<JsonNode> pods) {
    return pods.stream().filter(DeploymentLifecycleTest::runningAndReady).count();
  }

  static JsonNode deployment(String name) {
    return api.getJson(APPS + "/deployments/" + name);
  }

  @Test
  @Order(1)
  void aDeploymentOfThreeRunsThreeReadyPodsSpreadOverTheThreeNodes() {
    ApiClient.Response created = api.post(APPS + "/deployments", Manifests.deployment("web", 3, "nginx:1.25"));
    assertEquals(201, created.code(), created.body());
    assertFalse(created.json().path("metadata").path("uid").asText().isEmpty());
    assertFalse(created.json().path("metadata").path("resourceVersion").asText().isEmpty());

    JsonNode d = await("3 available replicas", DEADLINE, () -> deployment("web"),
        x -> x.path("status").path("availableReplicas").asInt() == 3);
    assertEquals(3, d.path("status").path("readyReplicas").asInt());

    List<JsonNode> replicaSets = items(api.getJson(APPS + "/replicasets?labelSelector=app%3Dweb"));
    assertEquals(1, replicaSets.size());
    assertEquals("1", replicaSets.get(0).path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText());

    List<JsonNode> pods = livePods("web");
    assertEquals(3, pods.size());
    assertEquals(3, readyCount(pods));
    Set<String> nodes = new HashSet<>();
    pods.forEach(p -> nodes.add(p.path("spec").path("nodeName").asText()));
    assertEquals(3, nodes.size(), "pods spread over the 3 nodes: " + nodes);
  }

  @Test
  @Order(2)
  void aTemplateChangeRollsWithoutEverDroppingBelowThreeAvailable() throws Exception {
    AtomicBoolean sampling = new AtomicBoolean(true);
    AtomicInteger minAvailable = new AtomicInteger(Integer.MAX_VALUE);
    AtomicInteger minReadyPods = new AtomicInteger(Integer.MAX_VALUE);
    AtomicInteger samples = new AtomicInteger();
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        minAvailable.accumulateAndGet(deployment("web").path("status").path("availableReplicas").asInt(), Math::min);
        minReadyPods.accumulateAndGet((int) readyCount(livePods("web")), Math::min);
        samples.incrementAndGet();
      }
    });
    sampler.start();

    ApiClient.Response updated = api.update(APPS + "/deployments/web", d ->
        ((ObjectNode) d.path("spec").path("template").path("spec").path("containers").get(0)).put("image", "nginx:1.26"));
    assertEquals(200, updated.code(), updated.body());

    await("the rollout to finish", DEADLINE, () -> deployment("web"), x -> {
      JsonNode s = x.path("status");
      return s.path("observedGeneration").asLong() >= x.path("metadata").path("generation").asLong()
          && s.path("updatedReplicas").asInt() == 3 && s.path("replicas").asInt() == 3
          && s.path("availableReplicas").asInt() == 3;
    });
    await("old pods to be gone", DEADLINE, () -> livePods("web"),
        pods -> pods.size() == 3 && pods.stream().allMatch(p -> p.toString().contains("nginx:1.26")));
    sampling.set(false);
    sampler.join();

    assertTrue(samples.get() > 5, "sampled the rollout " + samples.get() + " times");
    assertTrue(minAvailable.get() >= 3, "available replicas dipped to " + minAvailable.get());
    assertTrue(minReadyPods.get() >= 3, "ready pods dipped to " + minReadyPods.get());

    List<JsonNode> replicaSets = items(api.getJson(APPS + "/replicasets?labelSelector=app%3Dweb"));
    assertEquals(2, replicaSets.size());
    Set<String> revisions = new HashSet<>();
    for (JsonNode rs : replicaSets) {
      String revision = rs.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText();
      revisions.add(revision);
      if (revision.equals("1")) {
        assertEquals(0, rs.path("spec").path("replicas").asInt(), "the old ReplicaSet ends at 0");
      }
    }
    assertEquals(Set.of("1", "2"), revisions);
    assertEquals("2", deployment("web").path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText());
  }

  @Test
  @Order(3)
  void scalingGivesExactCounts() {
    scaleTo(10);
    await("10 ready pods", DEADLINE, () -> livePods("web"), pods -> pods.size() == 10 && readyCount(pods) == 10);
    scaleTo(2);
    await("exactly 2 pods", DEADLINE, () -> items(api.getJson(NS + "/pods?labelSelector=app%3Dweb")),
        pods -> pods.size() == 2 && readyCount(pods) == 2);
    await("2 available", DEADLINE, () -> deployment("web"),
        x -> x.path("status").path("availableReplicas").asInt() == 2 && x.path("status").path("replicas").asInt() == 2);
  }

  @Test
  @Order(4)
  void aDeletedPodIsReplaced() {
    List<JsonNode> before = livePods("web");
    assertEquals(2, before.size());
    String victim = before.get(0).path("metadata").path("name").asText();
    ApiClient.Response deleted = api.delete(NS + "/pods/" + victim, "{\"propagationPolicy\":\"Background\"}");
    assertEquals(200, deleted.code(), deleted.body());
    List<JsonNode> after = await("a replacement", DEADLINE, () -> items(api.getJson(NS + "/pods?labelSelector=app%3Dweb")),
        pods -> pods.size() == 2 && readyCount(pods) == 2
            && pods.stream().noneMatch(p -> p.path("metadata").path("name").asText().equals(victim)));
    assertNotEquals(victim, after.get(0).path("metadata").path("name").asText());
  }

  private static void scaleTo(int replicas) {
    ApiClient.Response r = api.update(APPS + "/deployments/web", d -> ((ObjectNode) d.path("spec")).put("replicas", replicas));
    assertEquals(200, r.code(), r.body());
  }
}
