package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.chaos.run.ChaosBench;
import dev.orca.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code orca bench chaos} end to end on the small scenario bench/scenarios/smoke.yaml: its own
 * PostgreSQL and three member JVMs, the workload, the writer and the probe, a pod deleted, 20 % of
 * the containers crashed, a node's heartbeats stopped, a member killed and restarted — then the
 * report, whose figures must show a clean run.
 */
@Tag("slow")
class ChaosBenchTest {

  @Test
  void theSmokeScenarioRunsAndReportsACleanRecovery() throws Exception {
    Path root = Path.of("target", "chaos-bench-test").toAbsolutePath();
    TestOrca.deleteTree(root);
    Path out = root.resolve("results");
    int code = ChaosBench.main(Path.of("bench/scenarios/smoke.yaml"), List.of(), root.resolve("data"), out,
        "ChaosBenchTest", line -> System.out.println("chaos bench: " + line));

    Path json;
    try (Stream<Path> files = Files.list(out)) {
      json = files.filter(p -> p.getFileName().toString().matches("smoke-.*\\.json")).findFirst().orElseThrow();
    }
    JsonNode report = Json.mapper().readTree(json.toFile());
    assertEquals("smoke", report.path("scenario").asText());
    assertEquals(3, report.path("seed").asLong());
    JsonNode run = report.path("runs").get(0);
    assertEquals("orca", run.path("configuration").asText());
    String why = run.toPrettyString();
    assertEquals(4, run.path("faults").asInt(), why);
    assertTrue(run.path("recovered").asBoolean(), why);
    assertTrue(run.path("acknowledgedWrites").asInt() > 20, why);
    assertEquals(0, run.path("ackedWritesLost").asInt(), why);
    assertEquals(0, run.path("resurrectedObjects").asInt(), why);
    assertEquals(0, run.path("singleWriterViolations").asInt(), why);
    assertEquals(0, run.path("orphanProcesses").asInt(), why);
    assertTrue(run.path("recoverySeconds").path("max").isNumber(), why);
    assertTrue(run.path("apiLatencyMs").path("p99").isNumber(), why);
    double availability = run.path("apiAvailability").asDouble(-1);
    assertTrue(availability >= 0 && availability <= 1, why);
    // the member kill shows: detected, and its pods brought back
    JsonNode kill = run.path("perFault").get(3);
    assertEquals("kill-jvm", kill.path("kind").asText(), why);
    assertTrue(kill.path("detectSeconds").isNumber(), why);
    assertEquals(0, code, why);

    String base = json.getFileName().toString().replace(".json", "");
    for (String suffix : List.of(".md", "-orca-pods.svg", "-orca-latency.svg", "-orca.csv")) {
      assertTrue(Files.size(out.resolve(base + suffix)) > 100, base + suffix);
    }
    assertTrue(Files.readString(out.resolve(base + "-orca-pods.svg")).contains("<rect x="), "fault windows shaded");
  }
}
