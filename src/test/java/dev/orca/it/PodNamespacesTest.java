package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.node.network.Cidr;
import dev.orca.node.network.PodNetworks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process node with a network namespace per pod ({@code orca.network.mode = namespaces});
 * skipped where this machine cannot make them (not root, no {@code ip netns}).
 */
class PodNamespacesTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Cidr POD_CIDR = Cidr.parse("10.213.0.0/16");
  private static TestOrca orca;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    Optional<String> unavailable = PodNetworks.namespacesUnavailable(Duration.ofSeconds(10));
    assumeTrue(unavailable.isEmpty(), () -> "no network namespaces here: " + unavailable.orElse(""));
    orca = TestOrca.startProcessNode(Map.of("orca.network.mode", "namespaces", "orca.network.pod-cidr", POD_CIDR.toString()));
    api = orca.api;
  }

  @AfterAll
  static void stop() throws Exception {
    if (orca != null) {
      orca.close();
    }
  }

  @Test
  void replicasListenOnTheSamePortEachInItsOwnNamespace() throws Exception {
    // the readiness probe passes only where eth0 has a pod address: inside the pod's namespace
    String deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"netns-web"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"netns-web"}},
          "template":{"metadata":{"labels":{"app":"netns-web"}},
           "spec":{"terminationGracePeriodSeconds":2,"containers":[{"name":"web","image":"python:3",
             "command":["python3","-m","http.server","8080"],
             "readinessProbe":{"exec":{"command":["sh","-c","ip -o -4 addr show dev eth0 | grep -q 'inet 10\\\\.213\\\\.'"]},
               "periodSeconds":1}}]}}}}
        """;
    assertEquals(201, api.post("/apis/apps/v1/namespaces/default/deployments", deployment).code());
    List<JsonNode> pods = await("2 ready replicas", DEADLINE,
        () -> items(api.getJson(NS + "/pods?labelSelector=app%3Dnetns-web")),
        ps -> ps.size() == 2 && ps.stream().allMatch(p -> p.path("status").path("containerStatuses").path(0).path("ready").asBoolean()));

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<String> ips = new ArrayList<>();
    List<String> namespaces = new ArrayList<>();
    List<String> netnsNames = new ArrayList<>();
    for (JsonNode pod : pods) {
      String ip = pod.path("status").path("podIP").asText();
      assertTrue(POD_CIDR.contains(ip), ip);
      ips.add(ip);
      // ready says the probe ran in the pod's namespace, not that the server listens yet
      await(ip + " serving", DEADLINE, () -> {
        try {
          return http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).timeout(Duration.ofSeconds(5))
              .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
          return -1;
        }
      }, code -> code == 200);

      long pid = Long.parseLong(pod.path("status").path("containerStatuses").path(0).path("containerID").asText()
          .substring("process://".length()));
      namespaces.add(netnsOf(pid));
      assertEquals(ip, environ(pid, "POD_IP"), "POD_IP is status.podIP");
      String netns = run("ip", "netns", "identify", Long.toString(pid)).strip();
      assertTrue(netns.startsWith("orca-"), netns);
      netnsNames.add(netns);
    }
    assertNotEquals(ips.get(0), ips.get(1));
    assertNotEquals(namespaces.get(0), namespaces.get(1), "each pod has its own network namespace");
    assertFalse(namespaces.contains(netnsOf(ProcessHandle.current().pid())), "not the host's");

    assertEquals(200, api.delete("/apis/apps/v1/namespaces/default/deployments/netns-web", null).code());
    await("the replicas gone", DEADLINE, () -> items(api.getJson(NS + "/pods?labelSelector=app%3Dnetns-web")), List::isEmpty);
    for (String netns : netnsNames) {
      await(netns + " removed", DEADLINE, () -> Files.exists(Path.of("/run/netns", netns)), exists -> !exists);
    }
  }

  private static String netnsOf(long pid) throws Exception {
    return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
  }

  private static String environ(long pid, String name) throws Exception {
    for (String entry : Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8).split("\0")) {
      if (entry.startsWith(name + "=")) {
        return entry.substring(name.length() + 1);
      }
    }
    return null;
  }

  private static String run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", argv) + ": " + out);
    return out;
  }
}
