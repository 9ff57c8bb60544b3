package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containers the process node cannot run as asked, with real processes: each shows a clear state,
 * reason and Event, and a pod running alongside is not disturbed (no restart, still ready, same process).
 */
class ProcessBadInputTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;
  private static ApiClient api;
  private static String bystanderId;

  @BeforeAll
  static void start() throws Exception {
    // loopback addresses: the test itself holds a pod's port on the host, as another program would
    orca = TestOrca.startProcessNode(Map.of("orca.network.mode", "loopback"));
    api = orca.api;
    int port = OrcaProcess.freePort();
    assertEquals(201, api.post(NS + "/pods", pod("bystander", serve(port)
        + ",\"readinessProbe\":{\"tcpSocket\":{\"port\":" + port + "},\"periodSeconds\":1}")).code());
    bystanderId = await("the bystander ready", DEADLINE, () -> container("bystander"), c -> c.path("ready").asBoolean())
        .path("containerID").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  /** Whatever went wrong next door, the bystander runs on as it did. */
  @AfterEach
  void theBystanderIsUndisturbed() {
    JsonNode c = container("bystander");
    assertEquals(0, c.path("restartCount").asInt(), c.toString());
    assertTrue(c.path("ready").asBoolean(), c.toString());
    assertEquals(bystanderId, c.path("containerID").asText(), c.toString());
    assertEquals("True", readyCondition("bystander"));
  }

  static String readyCondition(String pod) {
    for (JsonNode c : api.getJson(NS + "/pods/" + pod).path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText();
      }
    }
    return "missing";
  }

  static String pod(String name, String containerJson) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"terminationGracePeriodSeconds":2,"containers":[{"name":"main","image":"python:3" %s}]}}
        """.formatted(name, containerJson);
  }

  static String serve(int port) {
    return ",\"command\":[\"python3\",\"-m\",\"http.server\",\"" + port + "\",\"--bind\",\"$(POD_IP)\"]";
  }

  static JsonNode container(String pod) {
    return api.getJson(NS + "/pods/" + pod).path("status").path("containerStatuses").path(0);
  }

  static JsonNode events(String pod, String reason) {
    return api.getJson(NS + "/events?fieldSelector=involvedObject.name%3D" + pod + ",reason%3D" + reason);
  }

  /** A socket on the wildcard address holds the port on every address, the pod's included. */
  static ServerSocket occupy(int port) throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress("0.0.0.0", port));
    return socket;
  }

  @Test
  void aDeclaredPortAlreadyInUseFailsTheStartAndItStartsOnceFree() throws Exception {
    int port = OrcaProcess.freePort();
    String ip;
    try (ServerSocket taken = occupy(port)) {
      assertEquals(201, api.post(NS + "/pods", pod("port-taken", serve(port)
          + ",\"ports\":[{\"containerPort\":" + port + "}]")).code());
      JsonNode waiting = await("port-taken waiting", DEADLINE, () -> container("port-taken"),
          c -> c.path("state").path("waiting").path("reason").asText().equals("RunContainerError"));
      ip = api.getJson(NS + "/pods/port-taken").path("status").path("podIP").asText();
      String message = "port " + port + "/TCP on " + ip + " is already in use";
      assertEquals(message, waiting.path("state").path("waiting").path("message").asText(), waiting.toString());
      assertTrue(waiting.path("containerID").isMissingNode() || waiting.path("containerID").isNull(), "no process ran");
      JsonNode failed = await("a Failed event", DEADLINE, () -> events("port-taken", "Failed"), e -> !items(e).isEmpty());
      assertEquals("Error: " + message, items(failed).get(0).path("message").asText());
      assertEquals("Warning", items(failed).get(0).path("type").asText());
    }
    await("port-taken running once the port is free", DEADLINE, () -> container("port-taken"),
        c -> c.path("ready").asBoolean() && c.path("containerID").asText().startsWith("process://"));
    assertEquals(200, api.delete(NS + "/pods/port-taken", null).code());
  }

  @Test
  void aProgramThatCannotBindExitsWithErrorAndBacksOff() throws Exception {
    int port = OrcaProcess.freePort();
    try (ServerSocket taken = occupy(port)) {
      // no containerPort declared: nothing to check before the start, the program finds out itself
      assertEquals(201, api.post(NS + "/pods", pod("cannot-bind", serve(port))).code());
      JsonNode looping = await("cannot-bind in CrashLoopBackOff", DEADLINE, () -> container("cannot-bind"),
          c -> c.path("state").path("waiting").path("reason").asText().equals("CrashLoopBackOff")
              && c.path("restartCount").asInt() >= 2);
      assertEquals("Error", looping.path("lastState").path("terminated").path("reason").asText(), looping.toString());
      assertEquals(1, looping.path("lastState").path("terminated").path("exitCode").asInt(), looping.toString());
      assertTrue(looping.path("state").path("waiting").path("message").asText()
          .matches("back-off \\S+ restarting failed container=main pod=cannot-bind_default\\(.*\\)"), looping.toString());
      await("Address already in use in its log", DEADLINE,
          () -> api.get(NS + "/pods/cannot-bind/log?previous=true").body() + api.get(NS + "/pods/cannot-bind/log").body(),
          l -> l.contains("Address already in use"));
      await("a BackOff event", DEADLINE, () -> events("cannot-bind", "BackOff"), e -> !items(e).isEmpty());
    }
    assertEquals(200, api.delete(NS + "/pods/cannot-bind", null).code());
  }

  @Test
  void aReadinessProbeOnAClosedPortNeverPasses() throws Exception {
    int closed = OrcaProcess.freePort();
    assertEquals(201, api.post(NS + "/pods", pod("probe-closed", ",\"command\":[\"sleep\",\"300\"],"
        + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/healthz\",\"port\":" + closed + "},\"periodSeconds\":1}")).code());
    JsonNode unhealthy = await("an Unhealthy event", DEADLINE, () -> events("probe-closed", "Unhealthy"),
        e -> !items(e).isEmpty());
    String ip = api.getJson(NS + "/pods/probe-closed").path("status").path("podIP").asText();
    String message = items(unhealthy).get(0).path("message").asText();
    assertTrue(message.startsWith("Readiness probe failed: Get \"http://" + ip + ":" + closed + "/healthz\"")
        && message.contains("connection refused"), message);
    JsonNode c = container("probe-closed");
    assertTrue(!c.path("state").path("running").isMissingNode() && !c.path("ready").asBoolean(), c.toString());
    assertEquals(0, c.path("restartCount").asInt(), "readiness does not restart: " + c);
    assertEquals("False", readyCondition("probe-closed"));
    assertEquals(200, api.delete(NS + "/pods/probe-closed", null).code());
  }

  @Test
  void aCommandThatDoesNotExistWaitsWithRunContainerError() {
    assertEquals(201, api.post(NS + "/pods", pod("no-such", ",\"command\":[\"no-such-program\"]")).code());
    JsonNode waiting = await("no-such waiting", DEADLINE, () -> container("no-such"),
        c -> c.path("state").path("waiting").path("reason").asText().equals("RunContainerError"));
    assertTrue(waiting.path("state").path("waiting").path("message").asText().contains("executable file not found"),
        waiting.toString());
    await("a Failed event", DEADLINE, () -> events("no-such", "Failed"), e -> !items(e).isEmpty());
    assertEquals(200, api.delete(NS + "/pods/no-such", null).code());
  }

  @Test
  void anInvalidEnvReferenceIsRefusedAtTheApi() {
    String bad = pod("bad-env", ",\"command\":[\"sleep\",\"300\"],"
        + "\"env\":[{\"name\":\"X\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"status.nonsense\"}}}]");
    ApiClient.Response refused = api.post(NS + "/pods", bad);
    assertEquals(422, refused.code(), refused.body());
    assertTrue(refused.body().contains("status.nonsense"), refused.body());
    assertEquals(404, api.get(NS + "/pods/bad-env").code());
  }
}
