package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kubectl's typed generators, which send their objects only as protobuf ({@code create service},
 * {@code create deployment}, {@code create namespace}), and {@code expose}, which sends JSON: what
 * they create, read back through the API.
 */
class KubectlGeneratorsTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static TestOrca orca;
  private static Kubectl kubectl;
  private static Path home;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.startReady(2);
    home = Files.createTempDirectory("orca-kubectl-generators-");
    kubectl = new Kubectl(orca.api.base, home);
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
    TestOrca.deleteTree(home);
  }

  @Test
  void createServiceClusterIpGetsItsPortsAndAClusterIp() {
    Kubectl.Result created = kubectl.run("create", "service", "clusterip", "mysvc", "--tcp=80:8080").ok();
    assertEquals("service/mysvc created", created.stdout().trim(), created.toString());

    JsonNode spec = orca.api.getJson(NS + "/services/mysvc").path("spec");
    assertEquals("ClusterIP", spec.path("type").asText());
    assertEquals("mysvc", spec.path("selector").path("app").asText());
    JsonNode port = spec.path("ports").get(0);
    assertEquals(80, port.path("port").asInt());
    assertEquals(8080, port.path("targetPort").asInt());
    assertEquals("TCP", port.path("protocol").asText());
    assertTrue(spec.path("clusterIP").asText().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), spec.toString());
  }

  @Test
  void createServiceNodePortKeepsTheNodePortItWasGiven() {
    kubectl.run("create", "service", "nodeport", "web", "--tcp=80:8080", "--node-port=30123").ok();

    JsonNode spec = orca.api.getJson(NS + "/services/web").path("spec");
    assertEquals("NodePort", spec.path("type").asText());
    JsonNode port = spec.path("ports").get(0);
    assertEquals(80, port.path("port").asInt());
    assertEquals(8080, port.path("targetPort").asInt());
    assertEquals(30123, port.path("nodePort").asInt());
    assertFalse(spec.path("clusterIP").asText().isEmpty(), spec.toString());
    assertTrue(kubectl.run("get", "svc", "web").ok().stdout().contains("80:30123/TCP"));
  }

  @Test
  void createServiceWithANamedTargetPortAndAHeadlessOne() {
    kubectl.run("create", "service", "clusterip", "multi", "--tcp=80:8080,443:https").ok();
    kubectl.run("create", "service", "clusterip", "headless", "--clusterip=None").ok();

    JsonNode ports = orca.api.getJson(NS + "/services/multi").path("spec").path("ports");
    assertEquals("https", ports.get(1).path("targetPort").asText());
    assertEquals(443, ports.get(1).path("port").asInt());
    assertEquals("None", orca.api.getJson(NS + "/services/headless").path("spec").path("clusterIP").asText());
  }

  @Test
  void createDeploymentWithACommandRunsItsReplicas() {
    Kubectl.Result created = kubectl.run("create", "deployment", "hello", "--image=python:3", "--replicas=2", "--",
        "python3", "-m", "http.server", "8080").ok();
    assertEquals("deployment.apps/hello created", created.stdout().trim(), created.toString());

    JsonNode spec = orca.api.getJson("/apis/apps/v1/namespaces/default/deployments/hello").path("spec");
    assertEquals(2, spec.path("replicas").asInt());
    assertEquals("hello", spec.path("selector").path("matchLabels").path("app").asText());
    JsonNode container = spec.path("template").path("spec").path("containers").get(0);
    assertEquals("python:3", container.path("image").asText());
    assertEquals("[\"python3\",\"-m\",\"http.server\",\"8080\"]", container.path("command").toString());

    List<JsonNode> pods = await("2 running hello pods", DEADLINE,
        () -> items(orca.api.getJson(NS + "/pods?labelSelector=app%3Dhello")),
        list -> list.size() == 2 && list.stream().allMatch(p -> p.path("status").path("phase").asText().equals("Running")));
    for (JsonNode pod : pods) {
      JsonNode c = pod.path("spec").path("containers").get(0);
      assertEquals("python:3", c.path("image").asText());
      assertEquals("[\"python3\",\"-m\",\"http.server\",\"8080\"]", c.path("command").toString());
    }
    await("the deployment's 2 ready replicas", DEADLINE,
        () -> orca.api.getJson("/apis/apps/v1/namespaces/default/deployments/hello").path("status").path("readyReplicas").asInt(),
        n -> n == 2);
  }

  @Test
  void createDeploymentWithAPortThenExposeIt() {
    kubectl.run("create", "deployment", "hp", "--image=nginx", "--port=80").ok();
    JsonNode container = orca.api.getJson("/apis/apps/v1/namespaces/default/deployments/hp")
        .path("spec").path("template").path("spec").path("containers").get(0);
    assertEquals(80, container.path("ports").get(0).path("containerPort").asInt());

    Kubectl.Result exposed = kubectl.run("expose", "deployment", "hp", "--type=NodePort").ok();
    assertEquals("service/hp exposed", exposed.stdout().trim(), exposed.toString());
    JsonNode spec = orca.api.getJson(NS + "/services/hp").path("spec");
    assertEquals("hp", spec.path("selector").path("app").asText());
    assertEquals(80, spec.path("ports").get(0).path("port").asInt());
    assertTrue(spec.path("ports").get(0).path("nodePort").asInt() > 0, spec.toString());
  }

  @Test
  void createNamespaceThenUseIt() {
    Kubectl.Result created = kubectl.run("create", "namespace", "foo").ok();
    assertEquals("namespace/foo created", created.stdout().trim(), created.toString());
    assertEquals("Active", orca.api.getJson("/api/v1/namespaces/foo").path("status").path("phase").asText());

    kubectl.run("create", "service", "clusterip", "inner", "--tcp=80:8080", "-n", "foo").ok();
    assertEquals("foo", orca.api.getJson("/api/v1/namespaces/foo/services/inner").path("metadata").path("namespace").asText());
  }
}
