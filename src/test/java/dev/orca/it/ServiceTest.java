package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Services in front of real processes: endpoints follow readiness, the proxy balances across ready pods. */
class ServiceTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;
  private static ApiClient api;
  private static Kubectl kubectl;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.startProcessNode(Map.of());
    api = orca.api;
    kubectl = new Kubectl(orca.orca.port(), Files.createTempDirectory("orca-kubectl-"));
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  static String get(String url) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + " " + r.body().trim();
    } catch (Exception e) {
      return "failed: " + e;
    }
  }

  @Test
  void theWebManifestServesFromThreeProcessesThroughItsNodePort() {
    kubectl.run("apply", "-f", Path.of("k8s-manifests/web.yaml").toAbsolutePath().toString()).ok();
    JsonNode service = api.getJson(NS + "/services/web");
    String clusterIp = service.path("spec").path("clusterIP").asText();
    assertTrue(clusterIp.startsWith("127.1.") || clusterIp.startsWith("10.214."),
        "a cluster IP from the service range of the pods' network mode: " + service);
    assertEquals(30080, service.path("spec").path("ports").path(0).path("nodePort").asInt());

    await("3 ready endpoints", DEADLINE, () -> json(NS + "/endpoints/web"),
        e -> e.path("subsets").path(0).path("addresses").size() == 3);
    JsonNode slices = api.getJson("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector="
        + "kubernetes.io%2Fservice-name%3Dweb");
    assertEquals(3, items(slices).get(0).path("endpoints").size(), slices.toString());
    assertEquals(8080, items(slices).get(0).path("ports").path(0).path("port").asInt());

    Set<String> answers = new HashSet<>();
    await("all three replicas answer through the node port", DEADLINE, () -> {
      answers.add(get("http://127.0.0.1:30080/"));
      return answers;
    }, a -> a.stream().filter(s -> s.startsWith("200 hello from web-")).count() == 3);
    assertTrue(get("http://" + clusterIp + ":80/").startsWith("200 hello from web-"), "the cluster IP serves too");

    String table = kubectl.run("get", "svc", "web").ok().stdout();
    assertTrue(table.contains("NodePort") && table.contains(clusterIp) && table.contains("80:30080/TCP"), table);
    String endpoints = kubectl.run("get", "endpoints", "web").ok().stdout();
    assertTrue(endpoints.contains(":8080"), endpoints);

    String pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"client"},
         "spec":{"terminationGracePeriodSeconds":1,"containers":[{"name":"c","image":"busybox",
           "command":["/bin/sh","-c","echo web at $WEB_SERVICE_HOST:$WEB_SERVICE_PORT $WEB_PORT; python3 -c \\"import urllib.request,os; print(urllib.request.urlopen('http://%s:%s/' % (os.environ['WEB_SERVICE_HOST'], os.environ['WEB_SERVICE_PORT_HTTP'])).read().decode())\\"; sleep 300"]}]}}
        """;
    assertEquals(201, api.post(NS + "/pods", pod).code());
    String log = await("the client's greeting", DEADLINE, () -> api.get(NS + "/pods/client/log").body(),
        l -> l.contains("hello from"));
    assertTrue(log.contains("web at " + clusterIp + ":80 tcp://" + clusterIp + ":80"), log);
  }

  @Test
  void aPodFailingReadinessLeavesTheEndpointsAndGetsNoRequests() {
    String deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"gated"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"gated"}},
          "template":{"metadata":{"labels":{"app":"gated"}},
           "spec":{"terminationGracePeriodSeconds":2,"containers":[{"name":"web","image":"python:3",
             "command":["/bin/sh","-c","echo $(POD_NAME) > index.html; touch healthy; exec python3 -m http.server 8080 --bind $(POD_IP)"],
             "readinessProbe":{"httpGet":{"path":"/healthy","port":8080},"periodSeconds":1,"failureThreshold":1}}]}}}}
        """;
    assertEquals(201, api.post("/apis/apps/v1/namespaces/default/deployments", deployment).code());
    String service = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"gated"},
         "spec":{"type":"NodePort","selector":{"app":"gated"},"ports":[{"port":8080}]}}
        """;
    ApiClient.Response created = api.post(NS + "/services", service);
    assertEquals(201, created.code(), created.body());
    int nodePort = api.getJson(NS + "/services/gated").path("spec").path("ports").path(0).path("nodePort").asInt();
    assertTrue(nodePort >= 30000 && nodePort <= 32767, "a node port from the range: " + nodePort);

    List<JsonNode> pods = await("2 ready gated pods", DEADLINE,
        () -> items(api.getJson(NS + "/pods?labelSelector=app%3Dgated")),
        ps -> ps.size() == 2 && ps.stream().allMatch(p -> p.path("status").path("containerStatuses").path(0).path("ready").asBoolean()));
    await("2 endpoints", DEADLINE, () -> json(NS + "/endpoints/gated"),
        e -> e.path("subsets").path(0).path("addresses").size() == 2);

    String sick = pods.get(0).path("metadata").path("name").asText();
    String well = pods.get(1).path("metadata").path("name").asText();
    Path podDir = orca.dataDir.resolve("processes");
    Path healthy = findFile(podDir, sick, "healthy");
    assertTrue(healthy.toFile().delete(), "remove " + healthy);

    JsonNode endpoints = await("the unready pod moved to notReadyAddresses", DEADLINE, () -> api.getJson(NS + "/endpoints/gated"),
        e -> e.path("subsets").path(0).path("addresses").size() == 1 && e.path("subsets").path(0).path("notReadyAddresses").size() == 1);
    assertEquals(well, endpoints.path("subsets").path(0).path("addresses").path(0).path("targetRef").path("name").asText());
    await("the proxy sends only to the ready pod", DEADLINE, () -> get("http://127.0.0.1:" + nodePort + "/"),
        r -> r.equals("200 " + well));
    for (int i = 0; i < 20; i++) {
      assertEquals("200 " + well, get("http://127.0.0.1:" + nodePort + "/"), "request " + i);
    }
  }

  @Test
  void badServicesAreRefusedWithTheFieldAtFaultAndNothingIsLost() {
    String good = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"steady"},
         "spec":{"type":"NodePort","selector":{"app":"steady"},"ports":[{"port":80,"nodePort":31999}]}}
        """;
    assertEquals(201, api.post(NS + "/services", good).code());
    JsonNode before = api.getJson(NS + "/services/steady");

    ApiClient.Response taken = api.post(NS + "/services", good.replace("steady", "thief"));
    assertEquals(422, taken.code(), taken.body());
    assertTrue(taken.body().contains("spec.ports[0].nodePort: Invalid value: 31999: provided port is already allocated"),
        taken.body());
    ApiClient.Response range = api.post(NS + "/services", good.replace("steady", "low").replace("31999", "80"));
    assertEquals(422, range.code(), range.body());
    assertTrue(range.body().contains("The range of valid ports is 30000-32767"), range.body());
    ApiClient.Response type = api.post(NS + "/services", good.replace("steady", "odd").replace("NodePort", "Balloon"));
    assertEquals(422, type.code(), type.body());
    assertTrue(type.body().contains("spec.type: Unsupported value") && type.body().contains("Balloon"), type.body());
    ApiClient.Response noPorts = api.post(NS + "/services",
        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"empty\"},\"spec\":{}}");
    assertEquals(422, noPorts.code(), noPorts.body());
    assertTrue(noPorts.body().contains("spec.ports: Required value"), noPorts.body());
    ApiClient.Response moved = api.patch(NS + "/services/steady", "application/merge-patch+json",
        "{\"spec\":{\"clusterIP\":\"127.1.0.1\",\"clusterIPs\":[\"127.1.0.1\"]}}");
    assertEquals(422, moved.code(), moved.body());
    assertTrue(moved.body().contains("may not change once set"), moved.body());

    JsonNode after = api.getJson(NS + "/services/steady");
    assertEquals(before.path("spec"), after.path("spec"), "the Service is intact");
    assertEquals(200, api.patch(NS + "/services/steady", "application/merge-patch+json",
        "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}").code(), "and still writable");
    assertEquals(31999, api.getJson(NS + "/services/steady").path("spec").path("ports").path(0).path("nodePort").asInt(),
        "a write that does not name the node port keeps it");
    assertEquals(200, api.delete(NS + "/services/steady", null).code());
    await("its node port free again", DEADLINE, () -> api.post(NS + "/services", good.replace("steady", "heir")).code(),
        c -> c == 201);
  }

  /** The object, or an empty object while it does not exist. */
  private static JsonNode json(String path) {
    ApiClient.Response r = api.get(path);
    return r.code() == 200 ? api.getJson(path) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static Path findFile(Path root, String podName, String file) {
    try (var paths = Files.walk(root)) {
      return paths.filter(p -> p.getFileName().toString().equals(file) && p.toString().contains(podName))
          .findFirst().orElseThrow(() -> new AssertionError("no " + file + " for " + podName + " under " + root));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
