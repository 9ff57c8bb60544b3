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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pods on the process node run their commands as real processes on this machine (pod network: loopback). */
class ProcessNodeTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    // loopback addresses: these tests reach pods on 127.x (namespace mode: NamespaceNetworkIT)
    orca = TestOrca.startProcessNode(Map.of("orca.network.mode", "loopback"));
    api = orca.api;
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  static String pod(String name, String commandJson) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"%s"}},
         "spec":{"terminationGracePeriodSeconds":2,"containers":[{"name":"main","image":"python:3" %s}]}}
        """.formatted(name, name, commandJson);
  }

  static JsonNode container(String pod) {
    return api.getJson(NS + "/pods/" + pod).path("status").path("containerStatuses").path(0);
  }

  static long pid(JsonNode containerStatus) {
    return Long.parseLong(containerStatus.path("containerID").asText().substring("process://".length()));
  }

  @Test
  void aPodServesHttpFromARealProcessAndIsRestartedWhenKilled() throws Exception {
    int port = OrcaProcess.freePort();
    String command = ",\"command\":[\"python3\",\"-m\",\"http.server\",\"" + port + "\",\"--bind\",\"127.0.0.1\"]";
    assertEquals(201, api.post(NS + "/pods", pod("web", command)).code());
    JsonNode running = await("web running", DEADLINE, () -> container("web"), c -> c.path("ready").asBoolean());
    assertTrue(running.path("containerID").asText().startsWith("process://"), running.toString());
    assertEquals("local", api.getJson(NS + "/pods/web").path("spec").path("nodeName").asText());

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> served = await("the server to answer", DEADLINE, () -> {
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        return null;
      }
    }, r -> r != null && r.statusCode() == 200);
    assertTrue(served.body().contains("Directory listing"), served.body());
    String log = await("the request in the log", DEADLINE, () -> api.get(NS + "/pods/web/log").body(),
        l -> l.contains("\"GET / HTTP/1.1\" 200"));
    assertTrue(log.contains("GET /"), log);

    long first = pid(running);
    new ProcessBuilder("kill", "-9", Long.toString(first)).start().waitFor();
    JsonNode restarted = await("web restarted", DEADLINE, () -> container("web"),
        c -> c.path("restartCount").asInt() == 1 && c.path("ready").asBoolean());
    assertEquals(137, restarted.path("lastState").path("terminated").path("exitCode").asInt());
    assertTrue(pid(restarted) != first);

    long second = pid(restarted);
    assertEquals(200, api.delete(NS + "/pods/web", null).code());
    await("web gone", DEADLINE, () -> api.get(NS + "/pods/web").code(), c -> c == 404);
    await("its process gone", DEADLINE, () -> Files.exists(Path.of("/proc/" + second)), alive -> !alive);
  }

  @Test
  void containersThatCannotStartSayWhy() {
    assertEquals(201, api.post(NS + "/pods", pod("imageonly", "")).code());
    JsonNode waiting = await("imageonly waiting with a reason", DEADLINE, () -> container("imageonly"),
        c -> c.path("state").path("waiting").path("reason").asText().equals("CreateContainerConfigError"));
    assertTrue(waiting.path("state").path("waiting").path("message").asText().contains("has no command"), waiting.toString());
    assertEquals("Pending", api.getJson(NS + "/pods/imageonly").path("status").path("phase").asText());

    assertEquals(201, api.post(NS + "/pods", pod("nosuch", ",\"command\":[\"no-such-program\"]")).code());
    JsonNode missing = await("nosuch waiting with a reason", DEADLINE, () -> container("nosuch"),
        c -> c.path("state").path("waiting").path("reason").asText().equals("RunContainerError"));
    assertTrue(missing.path("state").path("waiting").path("message").asText().contains("executable file not found"),
        missing.toString());
    JsonNode events = await("a Failed event", DEADLINE,
        () -> api.getJson(NS + "/events?fieldSelector=involvedObject.name%3Dnosuch,reason%3DFailed"),
        e -> !items(e).isEmpty());
    assertTrue(items(events).get(0).path("message").asText().contains("executable file not found"));
  }

  @Test
  void readinessFollowsTheProbeAndAFailingLivenessProbeRestarts() throws Exception {
    int port = OrcaProcess.freePort();
    String serving = ",\"command\":[\"python3\",\"-m\",\"http.server\",\"" + port + "\",\"--bind\",\"$(POD_IP)\"],"
        + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/\",\"port\":" + port + "},\"periodSeconds\":1}";
    assertEquals(201, api.post(NS + "/pods", pod("probed", serving)).code());
    await("probed ready through its readiness probe", DEADLINE, () -> container("probed"), c -> c.path("ready").asBoolean());

    int closed = OrcaProcess.freePort();
    String neverReady = ",\"command\":[\"sleep\",\"300\"],"
        + "\"readinessProbe\":{\"tcpSocket\":{\"port\":" + closed + "},\"periodSeconds\":1}";
    assertEquals(201, api.post(NS + "/pods", pod("unready", neverReady)).code());
    await("unready running", DEADLINE, () -> container("unready"), c -> !c.path("state").path("running").isMissingNode());
    JsonNode unhealthy = await("an Unhealthy event", DEADLINE,
        () -> api.getJson(NS + "/events?fieldSelector=involvedObject.name%3Dunready,reason%3DUnhealthy"), e -> !items(e).isEmpty());
    assertTrue(items(unhealthy).get(0).path("message").asText().contains("connection refused"), unhealthy.toString());
    assertTrue(!container("unready").path("ready").asBoolean(), "a failing readiness probe keeps the container unready");

    String dying = ",\"command\":[\"sleep\",\"300\"],"
        + "\"livenessProbe\":{\"tcpSocket\":{\"port\":" + closed + "},\"periodSeconds\":1,\"failureThreshold\":1}";
    assertEquals(201, api.post(NS + "/pods", pod("unlively", dying)).code());
    await("unlively restarted by its liveness probe", DEADLINE, () -> container("unlively"),
        c -> c.path("restartCount").asInt() >= 1);
    JsonNode killing = await("a Killing event", DEADLINE,
        () -> api.getJson(NS + "/events?fieldSelector=involvedObject.name%3Dunlively,reason%3DKilling"), e -> !items(e).isEmpty());
    assertTrue(items(killing).get(0).path("message").asText().contains("failed liveness probe"), killing.toString());
  }

  @Test
  void replicasOnTheSamePortDoNotCollide() throws Exception {
    int port = OrcaProcess.freePort();
    String deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"twins"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"twins"}},
          "template":{"metadata":{"labels":{"app":"twins"}},
           "spec":{"terminationGracePeriodSeconds":2,"containers":[{"name":"web","image":"python:3",
             "command":["python3","-m","http.server","%d","--bind","$(POD_IP)"],
             "readinessProbe":{"tcpSocket":{"port":%d},"periodSeconds":1}}]}}}}
        """.formatted(port, port);
    assertEquals(201, api.post("/apis/apps/v1/namespaces/default/deployments", deployment).code());
    java.util.List<JsonNode> pods = await("2 ready twins", DEADLINE,
        () -> items(api.getJson(NS + "/pods?labelSelector=app%3Dtwins")),
        ps -> ps.size() == 2 && ps.stream().allMatch(p -> p.path("status").path("containerStatuses").path(0).path("ready").asBoolean()));
    String first = pods.get(0).path("status").path("podIP").asText();
    String second = pods.get(1).path("status").path("podIP").asText();
    assertTrue(first.startsWith("127.") && second.startsWith("127.") && !first.equals(second), first + " " + second);
    HttpClient http = HttpClient.newHttpClient();
    for (String ip : java.util.List.of(first, second)) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), ip);
    }
  }

  @Test
  void environmentFromThePodsFields() {
    String pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"downward"},
         "spec":{"terminationGracePeriodSeconds":2,"containers":[{"name":"main","image":"busybox",
           "command":["/bin/sh","-c","echo I am $MY_NAME on $MY_NODE at $MY_IP; sleep 300"],
           "env":[{"name":"MY_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
                  {"name":"MY_NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}},
                  {"name":"MY_IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}}]}]}}
        """;
    assertEquals(201, api.post(NS + "/pods", pod).code());
    String ip = await("downward running", DEADLINE, () -> api.getJson(NS + "/pods/downward"),
        p -> p.path("status").path("containerStatuses").path(0).path("ready").asBoolean()).path("status").path("podIP").asText();
    String log = await("its greeting", DEADLINE, () -> api.get(NS + "/pods/downward/log").body(), l -> l.contains("I am"));
    assertTrue(log.contains("I am downward on local at " + ip), log);

    String invalid = pod.replace("\"name\":\"downward\"", "\"name\":\"bad-ref\"").replace("status.podIP", "status.nonsense");
    ApiClient.Response refused = api.post(NS + "/pods", invalid);
    assertEquals(422, refused.code(), refused.body());
    assertTrue(refused.body().contains("valueFrom.fieldRef.fieldPath") && refused.body().contains("status.nonsense"),
        refused.body());
  }

  @Test
  void environmentFromAConfigMapAndASecret() {
    assertEquals(201, api.post(NS + "/configmaps", """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"app-settings"},
         "data":{"colour":"blue","SIZE":"XL","9lives":"x"}}
        """).code());
    assertEquals(201, api.post(NS + "/secrets", """
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"app-creds"},"stringData":{"password":"s3cr3t"}}
        """).code());
    String pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"configured"},
         "spec":{"terminationGracePeriodSeconds":2,"containers":[{"name":"main","image":"busybox",
           "command":["/bin/sh","-c","echo colour=$COLOUR password=$PASSWORD size=$CFG_SIZE; sleep 300"],
           "envFrom":[{"prefix":"CFG_","configMapRef":{"name":"app-settings"}},{"configMapRef":{"name":"app-settings"}}],
           "env":[{"name":"COLOUR","valueFrom":{"configMapKeyRef":{"name":"app-settings","key":"colour"}}},
                  {"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"app-creds","key":"password"}}}]}]}}
        """;
    assertEquals(201, api.post(NS + "/pods", pod).code());
    String log = await("its configuration in the log", DEADLINE, () -> api.get(NS + "/pods/configured/log").body(),
        l -> l.contains("colour="));
    assertTrue(log.contains("colour=blue password=s3cr3t size=XL"), log);
    JsonNode skipped = await("the skipped key noted", DEADLINE,
        () -> api.getJson(NS + "/events?fieldSelector=involvedObject.name%3Dconfigured,reason%3DInvalidEnvironmentVariableNames"),
        e -> !items(e).isEmpty());
    assertTrue(items(skipped).get(0).path("message").asText().contains("Keys [9lives] from the EnvFrom configMap default/app-settings"), skipped.toString());
  }

  @Test
  void aPodWaitsForAMissingConfigMapAndStartsOnceItExists() {
    String pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"patient"},
         "spec":{"terminationGracePeriodSeconds":2,"containers":[{"name":"main","image":"busybox",
           "command":["/bin/sh","-c","echo greeting=$GREETING; sleep 300"],
           "env":[{"name":"GREETING","valueFrom":{"configMapKeyRef":{"name":"late","key":"greeting"}}}]}]}}
        """;
    assertEquals(201, api.post(NS + "/pods", pod).code());
    JsonNode waiting = await("patient waiting for its ConfigMap", DEADLINE, () -> container("patient"),
        c -> c.path("state").path("waiting").path("reason").asText().equals("CreateContainerConfigError"));
    assertEquals("configmap \"late\" not found", waiting.path("state").path("waiting").path("message").asText());
    JsonNode failed = await("a Failed event", DEADLINE,
        () -> api.getJson(NS + "/events?fieldSelector=involvedObject.name%3Dpatient,reason%3DFailed"),
        e -> !items(e).isEmpty());
    assertTrue(items(failed).get(0).path("message").asText().contains("configmap \"late\" not found"), failed.toString());

    assertEquals(201, api.post(NS + "/configmaps", """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"late"},"data":{"other":"x"}}
        """).code());
    await("patient waiting for the key", DEADLINE, () -> container("patient"),
        c -> c.path("state").path("waiting").path("message").asText()
            .equals("couldn't find key greeting in ConfigMap default/late"));

    assertEquals(200, api.put(NS + "/configmaps/late", """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"late"},"data":{"greeting":"hello"}}
        """).code());
    await("patient running", DEADLINE, () -> container("patient"), c -> c.path("ready").asBoolean());
    String log = await("its greeting", DEADLINE, () -> api.get(NS + "/pods/patient/log").body(),
        l -> l.contains("greeting="));
    assertTrue(log.contains("greeting=hello"), log);
  }
}
