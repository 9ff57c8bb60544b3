package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resource metrics of real processes and simulated pods through metrics.k8s.io and the real
 * {@code kubectl top}; memory limits that kill a process over them (OOMKilled).
 */
class MetricsTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final String METRICS = "/apis/metrics.k8s.io/v1beta1";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;
  private static ApiClient api;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.start(1, Map.of("orca.process-node.enabled", true, "orca.process-node.name", "local",
        "orca.metrics.interval", "300ms", "orca.runtime.restart-backoff-min", "200ms",
        "orca.runtime.restart-backoff-max", "1s"));
    api = orca.api;
    await("both nodes ready", DEADLINE, orca::readyNodes, n -> n == 2);
    Path home = Files.createTempDirectory("orca-kubectl-top-");
    kubectl = new Kubectl(orca.api.base, home);
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  static String pod(String name, String node, String restartPolicy, String container) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"%s"}},
         "spec":{"nodeName":"%s","restartPolicy":"%s","terminationGracePeriodSeconds":1,
                 "containers":[{"name":"main","image":"python:3" %s}]}}
        """.formatted(name, name, node, restartPolicy, container);
  }

  /** The metrics document, or an empty object while there is none yet (404 before the first sample). */
  static JsonNode metrics(String path) {
    ApiClient.Response r = api.get(path);
    return r.code() == 200 ? r.json() : dev.orca.model.Json.mapper().createObjectNode();
  }

  static JsonNode container(String pod) {
    return api.getJson(NS + "/pods/" + pod).path("status").path("containerStatuses").path(0);
  }

  @Test
  void kubectlTopShowsARealProcessAndEveryNode() {
    String holds = ",\"command\":[\"python3\",\"-c\",\"b=bytearray(40*1024*1024); import time; time.sleep(600)\"]";
    assertEquals(201, api.post(NS + "/pods", pod("holder", "local", "Always", holds)).code());
    assertEquals(201, api.post(NS + "/pods", pod("sim", "sim-node-1", "Always", "")).code());

    JsonNode metrics = await("holder's metrics with its memory", DEADLINE,
        () -> metrics(METRICS + "/namespaces/default/pods/holder"),
        m -> m.path("containers").path(0).path("usage").has("memory")
            && Quantity.value(m.path("containers").path(0).path("usage").path("memory").asText()) > 40L * 1024 * 1024);
    assertEquals("PodMetrics", metrics.path("kind").asText());
    assertEquals("metrics.k8s.io/v1beta1", metrics.path("apiVersion").asText());
    assertEquals("main", metrics.path("containers").path(0).path("name").asText());
    assertEquals("holder", metrics.path("metadata").path("labels").path("app").asText());
    assertTrue(metrics.path("window").asText().endsWith("s"), metrics.toString());
    assertTrue(metrics.path("timestamp").asText().endsWith("Z"), metrics.toString());

    JsonNode sim = await("the simulated pod's fixed figures", DEADLINE,
        () -> metrics(METRICS + "/namespaces/default/pods/sim"), m -> m.path("containers").size() == 1);
    assertEquals("1m", sim.path("containers").path(0).path("usage").path("cpu").asText());
    assertEquals("4Mi", sim.path("containers").path(0).path("usage").path("memory").asText());

    JsonNode selected = api.getJson(METRICS + "/namespaces/default/pods?labelSelector=app%3Dholder");
    assertEquals(1, items(selected).size(), selected.toString());
    assertEquals("holder", items(selected).get(0).path("metadata").path("name").asText());

    JsonNode nodes = await("metrics of both nodes", DEADLINE, () -> api.getJson(METRICS + "/nodes"),
        n -> items(n).size() == 2);
    JsonNode local = api.getJson(METRICS + "/nodes/local");
    assertTrue(Quantity.value(local.path("usage").path("memory").asText()) > 0, local.toString());
    assertEquals("NodeMetricsList", nodes.path("kind").asText());

    Kubectl.Result pods = await("kubectl top pods lists holder", DEADLINE, () -> kubectl.run("top", "pods"),
        r -> r.exitCode() == 0 && r.stdout().contains("holder"));
    String row = pods.stdout().lines().filter(l -> l.startsWith("holder")).findFirst().orElseThrow();
    String[] cells = row.trim().split("\\s+");
    assertTrue(cells[1].endsWith("m"), pods.toString());
    assertTrue(cells[2].endsWith("Mi") && Long.parseLong(cells[2].replace("Mi", "")) >= 40, pods.toString());
    assertTrue(pods.stdout().contains("sim"), pods.toString());

    Kubectl.Result top = kubectl.run("top", "nodes").ok();
    assertTrue(top.stdout().contains("local") && top.stdout().contains("sim-node-1"), top.toString());
    assertTrue(top.stdout().contains("CPU(cores)") && top.stdout().contains("MEMORY(bytes)"), top.toString());

    assertEquals(200, api.delete(NS + "/pods/holder", null).code());
    assertEquals(200, api.delete(NS + "/pods/sim", null).code());
  }

  @Test
  void unknownPodsAndNodesAreNotFoundAsMetricsServerSaysIt() {
    ApiClient.Response pod = api.get(METRICS + "/namespaces/default/pods/nosuch");
    assertEquals(404, pod.code());
    assertTrue(pod.body().contains("podmetrics.metrics.k8s.io \\\"default/nosuch\\\" not found"), pod.body());
    ApiClient.Response node = api.get(METRICS + "/nodes/nosuch");
    assertEquals(404, node.code());
    assertTrue(node.body().contains("nodemetrics.metrics.k8s.io \\\"nosuch\\\" not found"), node.body());
    Kubectl.Result top = kubectl.run("top", "pod", "nosuch");
    assertTrue(top.exitCode() != 0 && top.stderr().contains("not found"), top.toString());
  }

  @Test
  void aContainerOverItsMemoryLimitIsOOMKilled() {
    String hog = ",\"command\":[\"python3\",\"-c\",\"b=bytearray(200*1024*1024); import time; time.sleep(60)\"],"
        + "\"resources\":{\"limits\":{\"memory\":\"64Mi\"}}";
    assertEquals(201, api.post(NS + "/pods", pod("hog", "local", "Never", hog)).code());
    JsonNode ended = await("hog OOMKilled", DEADLINE, () -> container("hog"),
        c -> c.path("state").has("terminated"));
    assertEquals("OOMKilled", ended.path("state").path("terminated").path("reason").asText(), ended.toString());
    assertEquals(137, ended.path("state").path("terminated").path("exitCode").asInt());
    await("hog Failed", DEADLINE, () -> api.getJson(NS + "/pods/hog").path("status").path("phase").asText(),
        "Failed"::equals);
    JsonNode events = await("an OOMKilling event", DEADLINE,
        () -> api.getJson(NS + "/events?fieldSelector=involvedObject.name%3Dhog,reason%3DOOMKilling"),
        e -> !items(e).isEmpty());
    assertTrue(items(events).get(0).path("message").asText().contains("64Mi"), events.toString());

    assertEquals(201, api.post(NS + "/pods", pod("hog-again", "local", "Always", hog)).code());
    JsonNode restarted = await("hog-again restarted after an OOM kill", DEADLINE, () -> container("hog-again"),
        c -> c.path("restartCount").asInt() >= 1);
    assertEquals("OOMKilled", restarted.path("lastState").path("terminated").path("reason").asText(),
        restarted.toString());
    assertEquals(137, restarted.path("lastState").path("terminated").path("exitCode").asInt());
    assertEquals(200, api.delete(NS + "/pods/hog-again", null).code());
  }
}
