package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deletion along ownerReferences — background, foreground, orphan — and of a whole namespace. */
class DeletionTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.startReady(2);
    api = orca.api;
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  static String deployments(String ns) {
    return "/apis/apps/v1/namespaces/" + ns + "/deployments";
  }

  static List<JsonNode> replicaSets(String ns, String app) {
    return items(api.getJson("/apis/apps/v1/namespaces/" + ns + "/replicasets?labelSelector=app%3D" + app));
  }

  static List<JsonNode> pods(String ns, String app) {
    return items(api.getJson("/api/v1/namespaces/" + ns + "/pods?labelSelector=app%3D" + app));
  }

  static void deployAndWait(String ns, String app, int replicas) {
    assertEquals(201, api.post(deployments(ns), Manifests.deployment(app, replicas, "nginx")).code());
    await(app + " available", DEADLINE, () -> api.getJson(deployments(ns) + "/" + app),
        d -> d.path("status").path("availableReplicas").asInt() == replicas);
  }

  @Test
  void backgroundDeletionTakesTheReplicaSetsAndPodsAfterTheDeployment() {
    deployAndWait("default", "bg", 2);
    ApiClient.Response r = api.delete(deployments("default") + "/bg", "{\"propagationPolicy\":\"Background\"}");
    assertEquals(200, r.code(), r.body());
    assertEquals(404, api.get(deployments("default") + "/bg").code(), "the deployment goes at once");
    await("its replica sets and pods gone", DEADLINE, () -> replicaSets("default", "bg").size() + pods("default", "bg").size(),
        n -> n == 0);
  }

  @Test
  void foregroundDeletionKeepsTheDeploymentUntilItsDependentsAreGone() {
    deployAndWait("default", "fg", 2);
    ApiClient.Response r = api.delete(deployments("default") + "/fg", "{\"propagationPolicy\":\"Foreground\"}");
    assertEquals(200, r.code(), r.body());
    JsonNode deleting = r.json();
    assertTrue(deleting.path("metadata").has("deletionTimestamp"), deleting.toString());
    assertTrue(deleting.path("metadata").path("finalizers").toString().contains("foregroundDeletion"), deleting.toString());
    await("the deployment gone last", DEADLINE, () -> api.get(deployments("default") + "/fg").code(), c -> c == 404);
    assertEquals(0, replicaSets("default", "fg").size());
    assertEquals(0, pods("default", "fg").size());
  }

  @Test
  void orphanDeletionKeepsTheChildrenWithoutTheirOwner() {
    deployAndWait("default", "orphan", 2);
    String rsName = replicaSets("default", "orphan").get(0).path("metadata").path("name").asText();
    ApiClient.Response r = api.delete(deployments("default") + "/orphan", "{\"propagationPolicy\":\"Orphan\"}");
    assertEquals(200, r.code(), r.body());
    await("the deployment gone", DEADLINE, () -> api.get(deployments("default") + "/orphan").code(), c -> c == 404);
    JsonNode rs = api.getJson("/apis/apps/v1/namespaces/default/replicasets/" + rsName);
    assertTrue(rs.path("metadata").path("ownerReferences").isMissingNode() || rs.path("metadata").path("ownerReferences").isEmpty(),
        rs.path("metadata").toString());
    assertEquals(2, pods("default", "orphan").size(), "the orphaned ReplicaSet keeps its pods");
    assertEquals(2, api.getJson("/apis/apps/v1/namespaces/default/replicasets/" + rsName).path("status").path("readyReplicas").asInt());
  }

  @Test
  void deletingANamespaceDeletesWhatIsInIt() {
    assertEquals(201, api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"doomed\"}}").code());
    deployAndWait("doomed", "inside", 2);
    ApiClient.Response r = api.delete("/api/v1/namespaces/doomed", null);
    assertEquals(200, r.code(), r.body());
    await("the namespace gone", DEADLINE, () -> api.get("/api/v1/namespaces/doomed").code(), c -> c == 404);
    assertEquals(0, items(api.getJson(deployments("doomed"))).size());
    assertEquals(0, pods("doomed", "inside").size());
    ApiClient.Response refused = api.post(deployments("doomed"), Manifests.deployment("late", 1, "nginx"));
    assertEquals(404, refused.code(), refused.body());
  }

  /**
   * The sweep's fallback: an object created naming an owner that does not exist (it went before
   * its dependent was created, or never was) is collected; one of whose owners still lives is not.
   */
  @Test
  void aDependentWhoseOwnersAreAllGoneIsSweptAway() {
    String configMaps = "/api/v1/namespaces/default/configmaps";
    assertEquals(201, api.post(configMaps, configMap("live-owner", "")).code());
    String liveUid = api.getJson(configMaps + "/live-owner").path("metadata").path("uid").asText();
    String ghost = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"ghost\",\"uid\":\"no-such-uid\"}";
    String live = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"live-owner\",\"uid\":\"" + liveUid + "\"}";
    assertEquals(201, api.post(configMaps, configMap("orphaned", ghost)).code());
    assertEquals(201, api.post(configMaps, configMap("half-owned", ghost + "," + live)).code());
    await("the orphaned ConfigMap swept away", DEADLINE, () -> api.get(configMaps + "/orphaned").code(), c -> c == 404);
    assertEquals(200, api.get(configMaps + "/half-owned").code(), "one of its owners lives");
  }

  private static String configMap(String name, String owners) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\""
        + (owners.isEmpty() ? "" : ",\"ownerReferences\":[" + owners + "]") + "},\"data\":{\"k\":\"v\"}}";
  }
}
