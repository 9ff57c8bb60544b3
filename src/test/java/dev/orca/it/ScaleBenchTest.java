package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.bench.scale.ScaleBench;
import dev.orca.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code orca bench scale} end to end at a small size: its own Orca JVM on H2 with simulated
 * nodes, pods through the API followed by a watch, the probe, the API phase, the JVM restarted —
 * then the report, whose figures must all be there and make sense.
 */
@Tag("slow")
class ScaleBenchTest {

  @Test
  void aSmallRunReportsEveryFigure() throws Exception {
    Path root = Path.of("target", "scale-bench-test").toAbsolutePath();
    TestOrca.deleteTree(root);
    Path json = root.resolve("scale.json");
    int code = ScaleBench.main(new String[] {"bench", "scale", "--sizes", "20x400", "--heap", "768m",
        "--container-start", "200ms", "--probe-rate", "20", "--probe-for", "3s", "--background-writes", "20",
        "--api-for", "4s", "--timeout", "3m", "--data-dir", root.resolve("data").toString(),
        "--out", root.resolve("results").toString(), "--json", json.toString(), "--profile"});
    assertEquals(0, code);

    JsonNode r = Json.mapper().readTree(json.toFile());
    assertEquals(20, r.path("nodes").asInt());
    assertEquals(400, r.path("pods").asInt());
    assertEquals(1, r.path("members").asInt());
    assertEquals("h2", r.path("journal").asText());
    assertTrue(r.path("schedulingPodsPerSec").path("sustained").asDouble() > 0, r.toString());
    assertTrue(r.path("schedulingPodsPerSec").path("peak").asDouble() > 0, r.toString());
    assertEquals(60, r.path("podStartupMs").path("count").asInt(), "every probe pod started: " + r);
    assertTrue(r.path("podStartupMs").path("p99").asDouble() >= r.path("podStartupMs").path("p50").asDouble());
    assertEquals(400, r.path("podStartupMsDuringFill").path("count").asInt());
    for (String verb : List.of("patch", "create", "get", "list-namespace", "list-cluster", "watch")) {
      JsonNode v = r.path("apiLatencyMs").path(verb);
      assertTrue(v.path("p50").asDouble() > 0 && v.path("p99").asDouble() >= v.path("p50").asDouble(), verb + ": " + v);
      if (!verb.equals("watch")) {
        assertEquals(0, v.path("failures").asInt(), verb + ": " + v);
      }
    }
    assertTrue(r.path("heapBytesPerPod").asDouble() > 0, r.toString());
    assertTrue(r.path("journalBytesPerPod").asDouble() > 0, r.toString());
    assertTrue(r.path("recoverySeconds").asDouble() > 0, r.toString());
    assertTrue(r.path("recoverySeconds").asDouble() >= r.path("recoveryApiSeconds").asDouble());
    assertEquals(0, r.path("createFailures").asInt(), r.toString());
    assertTrue(r.path("profiles").path("fill").path("samples").asInt() > 0, r.toString());

    Path md;
    try (Stream<Path> files = Files.list(root.resolve("results"))) {
      md = files.filter(p -> p.getFileName().toString().endsWith(".md")).findFirst().orElseThrow();
    }
    String text = Files.readString(md);
    assertTrue(text.contains("| 20x400 |"), text);
    assertTrue(Files.exists(root.resolve("results").resolve(md.getFileName().toString().replace(".md", "-20x400-rate.svg"))));
  }

  @Test
  void aRunWithDeploymentsFillsThroughTheirReplicaSets() throws Exception {
    Path root = Path.of("target", "scale-bench-test-deployments").toAbsolutePath();
    TestOrca.deleteTree(root);
    Path json = root.resolve("scale.json");
    int code = ScaleBench.main(new String[] {"bench", "scale", "--sizes", "20x400", "--deployments", "4", "--heap", "768m",
        "--container-start", "200ms", "--probe-rate", "20", "--probe-for", "2s", "--background-writes", "20",
        "--api-for", "3s", "--api-warmup", "1s", "--no-restart", "--timeout", "3m",
        "--data-dir", root.resolve("data").toString(), "--out", root.resolve("results").toString(), "--json", json.toString()});
    assertEquals(0, code);

    JsonNode r = Json.mapper().readTree(json.toFile());
    assertEquals(400, r.path("pods").asInt());
    assertEquals(400, r.path("podStartupMsDuringFill").path("count").asInt(), "every Deployment's pod Ready: " + r);
    assertTrue(r.path("schedulingPodsPerSec").path("sustained").asDouble() > 0, r.toString());
    Path md;
    try (Stream<Path> files = Files.list(root.resolve("results"))) {
      md = files.filter(p -> p.getFileName().toString().endsWith(".md")).findFirst().orElseThrow();
    }
    assertTrue(Files.readString(md).contains("Pods come from 4 Deployments"), "the report says how the pods were made");
  }
}
