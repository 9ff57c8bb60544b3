package dev.orca.it;

import dev.orca.boot.FileTrees;
import dev.orca.boot.Orca;
import dev.orca.boot.OrcaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An Orca node started in this JVM for a test: fresh data directory, API on a free port, fast node timings. */
final class TestOrca implements AutoCloseable {
  final Orca orca;
  final Path dataDir;
  final ApiClient api;

  private TestOrca(Orca orca, Path dataDir) {
    this.orca = orca;
    this.dataDir = dataDir;
    this.api = new ApiClient(orca.port());
  }

  static OrcaSettings fastSettings(Path dataDir, int nodes) {
    return OrcaSettings.defaults()
        .withDataDir(dataDir)
        .withPort(0)
        .withWorkerNodes(nodes)
        .with("orca.node.grace-period", "3s")
        .with("orca.node.eviction-delay", "2s")
        .with("orca.runtime.simulated-start-delay", "100ms")
        .with("orca.control.resync-interval", "2s")
        // tests inject faults through /chaos/v1 (ChaosApiTest checks that it is off by default)
        .with("orca.chaos.enabled", true);
  }

  static TestOrca start(int nodes) throws Exception {
    return start(nodes, java.util.Map.of());
  }

  static TestOrca start(int nodes, java.util.Map<String, Object> overrides) throws Exception {
    Path dir = Files.createTempDirectory("orca-test-");
    OrcaSettings settings = fastSettings(dir, nodes);
    for (var e : overrides.entrySet()) {
      settings = settings.with(e.getKey(), e.getValue());
    }
    return new TestOrca(Orca.start(settings), dir);
  }

  /**
   * Starts Orca with the process node ("local") and no simulated node, restarts backing off from
   * 200 ms to 1 s unless {@code overrides} say otherwise, and waits until the node is Ready.
   */
  static TestOrca startProcessNode(java.util.Map<String, Object> overrides) throws Exception {
    java.util.Map<String, Object> settings = new java.util.HashMap<>(java.util.Map.of(
        "orca.process-node.enabled", true, "orca.process-node.name", "local",
        "orca.runtime.restart-backoff-min", "200ms", "orca.runtime.restart-backoff-max", "1s"));
    settings.putAll(overrides);
    TestOrca orca = start(0, settings);
    ApiClient.await("the process node ready", java.time.Duration.ofSeconds(60), orca::readyNodes, n -> n == 1);
    return orca;
  }

  /** Starts Orca and waits until its simulated nodes are all Ready. */
  static TestOrca startReady(int nodes) throws Exception {
    TestOrca orca = start(nodes);
    ApiClient.await(nodes + " ready nodes", java.time.Duration.ofSeconds(60), orca::readyNodes, n -> n == nodes);
    return orca;
  }

  int readyNodes() {
    int ready = 0;
    for (com.fasterxml.jackson.databind.JsonNode node : ApiClient.items(api.getJson("/api/v1/nodes"))) {
      for (com.fasterxml.jackson.databind.JsonNode c : node.path("status").path("conditions")) {
        if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) {
          ready++;
        }
      }
    }
    return ready;
  }

  @Override
  public void close() throws Exception {
    orca.close();
    deleteTree(dataDir);
  }

  /** Best effort, as a test's clean-up: a file a stopping process still writes may stay behind. */
  static void deleteTree(Path dir) throws IOException {
    try {
      FileTrees.delete(dir);
    } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException raced) {
      // something wrote or removed a file meanwhile; what is left goes with the next run's clean-up
    }
  }
}
