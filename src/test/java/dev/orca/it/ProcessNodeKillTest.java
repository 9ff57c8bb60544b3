package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of an Orca JVM whose process node runs real processes: none of them outlives it, and
 * the next Orca on the same data directory runs the pods again with new processes, and their
 * Service serves again on the same node port.
 */
class ProcessNodeKillTest {
  /** Starting a JVM is slow on a loaded machine. */
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String PODS = "/api/v1/namespaces/default/pods?labelSelector=app%3Dkept";

  static boolean alive(long pid) {
    return Files.exists(Path.of("/proc/" + pid));
  }

  /** Dead: gone, or a zombie its new parent has not reaped yet (the process has ended either way). */
  static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static long pid(JsonNode pod) {
    String id = pod.path("status").path("containerStatuses").path(0).path("containerID").asText();
    assertTrue(id.startsWith("process://"), id);
    return Long.parseLong(id.substring("process://".length()));
  }

  static List<JsonNode> readyPods(ApiClient api, int replicas) {
    return await(replicas + " ready pods", DEADLINE, () -> items(api.getJson(PODS)),
        ps -> ps.size() == replicas && ps.stream().allMatch(p ->
            p.path("status").path("containerStatuses").path(0).path("ready").asBoolean()));
  }

  /** The answer through the Service's node port, or null while there is none. */
  static String throughNodePort(HttpClient http, int nodePort) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodePort + "/"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (Exception e) {
      return null;
    }
  }

  @Test
  void noPodProcessOutlivesAKilledOrcaAndTheNextOneRunsThemAgain() throws Exception {
    Path data = Files.createTempDirectory("orca-kill-");
    int port = OrcaProcess.freePort();
    int httpPort = OrcaProcess.freePort();
    ApiClient api = new ApiClient(port);
    String[] processNode = {"orca.process-node.enabled=true", "orca.runtime.restart-backoff-min=200ms"};
    String deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"kept"},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"kept"}},
          "template":{"metadata":{"labels":{"app":"kept"}},
           "spec":{"terminationGracePeriodSeconds":2,"containers":[{"name":"web","image":"python:3",
             "command":["python3","-m","http.server","%d","--bind","$(POD_IP)"],
             "readinessProbe":{"tcpSocket":{"port":%d},"periodSeconds":1}}]}}}}
        """.formatted(httpPort, httpPort);
    String service = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"kept"},
         "spec":{"type":"NodePort","selector":{"app":"kept"},"ports":[{"port":80,"targetPort":%d}]}}
        """.formatted(httpPort);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    int nodePort;
    Set<Long> oldPids = new HashSet<>();
    try {
      try (OrcaProcess first = OrcaProcess.start(data, port, 0, processNode)) {
        await("the first Orca to serve", DEADLINE, () -> RestartTest.up(api), ok -> ok);
        assertEquals(201, api.post("/apis/apps/v1/namespaces/default/deployments", deployment).code());
        assertEquals(201, api.post("/api/v1/namespaces/default/services", service).code());
        nodePort = api.getJson("/api/v1/namespaces/default/services/kept").path("spec").path("ports").path(0)
            .path("nodePort").asInt();
        readyPods(api, 3).forEach(p -> oldPids.add(pid(p)));
        assertEquals(3, oldPids.size());
        await("the Service to serve", DEADLINE, () -> throughNodePort(http, nodePort), body -> body != null);
        assertTrue(oldPids.stream().allMatch(ProcessNodeKillTest::alive));

        long killed = System.nanoTime();
        first.kill();
        long jvmGone = System.nanoTime();
        await("every pod process dead", Duration.ofSeconds(5),
            () -> oldPids.stream().noneMatch(ProcessNodeKillTest::running), dead -> dead);
        long allDead = System.nanoTime();
        // a zombie stays in /proc until its new parent, the machine's init, reaps it: not ours to hurry
        await("every pod process gone from /proc", Duration.ofSeconds(15),
            () -> oldPids.stream().noneMatch(ProcessNodeKillTest::alive), gone -> gone);
        long allGone = System.nanoTime();
        System.out.printf("kill -9: JVM reaped after %d ms; last pod process dead %d ms, gone from /proc %d ms after the kill%n",
            (jvmGone - killed) / 1_000_000, (allDead - killed) / 1_000_000, (allGone - killed) / 1_000_000);
      }

      try (OrcaProcess second = OrcaProcess.start(data, port, 0, processNode)) {
        await("the second Orca to serve", DEADLINE, () -> RestartTest.up(api), ok -> ok);
        List<JsonNode> pods = await("3 ready pods with new processes", DEADLINE, () -> readyPods(api, 3),
            ps -> ps.stream().noneMatch(p -> oldPids.contains(pid(p))));
        for (JsonNode p : pods) {
          assertTrue(alive(pid(p)));
          String ip = p.path("status").path("podIP").asText();
          HttpResponse<String> served = await("the server on " + ip, DEADLINE, () -> {
            try {
              return http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":" + httpPort + "/"))
                  .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
              return null;
            }
          }, r -> r != null && r.statusCode() == 200);
          assertTrue(served.body().contains("Directory listing"), served.body());
        }
        assertFalse(oldPids.stream().anyMatch(ProcessNodeKillTest::alive), "a process of the killed run is running");
        assertEquals(3, items(api.getJson(PODS)).size(), "no extra pods");
        assertEquals(nodePort, api.getJson("/api/v1/namespaces/default/services/kept").path("spec").path("ports").path(0)
            .path("nodePort").asInt(), "the Service keeps its node port");
        String body = await("the Service to serve again", DEADLINE, () -> throughNodePort(http, nodePort), b -> b != null);
        assertTrue(body.contains("Directory listing"), body);
      }
    } finally {
      TestOrca.deleteTree(data);
    }
  }
}
