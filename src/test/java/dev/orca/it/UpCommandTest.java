package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code orca up --simulated-nodes 2}: the process node for this machine, and two simulated nodes that keep pods off by a taint. */
class UpCommandTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @Test
  void upRunsTheProcessNodeAndTaintedSimulatedNodes() throws Exception {
    Path data = Files.createTempDirectory("orca-up-");
    int port = OrcaProcess.freePort();
    ApiClient api = new ApiClient(port);
    try (OrcaProcess orca = OrcaProcess.up(data, port, List.of("--simulated-nodes", "2"))) {
      await("Orca to serve", DEADLINE, () -> RestartTest.up(api), ok -> ok);
      List<JsonNode> nodes = await("3 nodes", DEADLINE, () -> items(api.getJson("/api/v1/nodes")), ns -> ns.size() == 3);
      Map<String, JsonNode> byName = new TreeMap<>();
      nodes.forEach(n -> byName.put(n.path("metadata").path("name").asText(), n));
      assertEquals(List.of("local", "sim-node-1", "sim-node-2"), List.copyOf(byName.keySet()));
      assertEquals("process", byName.get("local").path("metadata").path("labels").path("type").asText());
      assertTrue(byName.get("local").path("spec").path("taints").isMissingNode()
          || byName.get("local").path("spec").path("taints").isEmpty(), "the process node takes any pod");
      long cpus = Runtime.getRuntime().availableProcessors();
      assertEquals(Long.toString(cpus), byName.get("local").path("status").path("capacity").path("cpu").asText(),
          "sized from this machine");
      for (String sim : List.of("sim-node-1", "sim-node-2")) {
        JsonNode taint = byName.get(sim).path("spec").path("taints").path(0);
        assertEquals("orca.dev/simulated", taint.path("key").asText(), byName.get(sim).toString());
        assertEquals("NoSchedule", taint.path("effect").asText());
      }

      String pod = """
          {"apiVersion":"v1","kind":"Pod","metadata":{"name":"where"},
           "spec":{"containers":[{"name":"c","image":"busybox","command":["sleep","300"]}]}}
          """;
      assertEquals(201, api.post("/api/v1/namespaces/default/pods", pod).code());
      JsonNode placed = await("the pod placed", DEADLINE, () -> api.getJson("/api/v1/namespaces/default/pods/where"),
          p -> !p.path("spec").path("nodeName").asText().isEmpty());
      assertEquals("local", placed.path("spec").path("nodeName").asText(), "a pod without the toleration runs for real");
    } finally {
      TestOrca.deleteTree(data);
    }
  }
}
