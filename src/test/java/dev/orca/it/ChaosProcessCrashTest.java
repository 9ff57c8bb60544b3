package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** crash-container on the process node: the container's processes are killed (SIGKILL, no TERM first), and it restarts. */
class ChaosProcessCrashTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void aCrashedProcessContainerIsKilledAndRestarted() throws Exception {
    Path scratch = Files.createTempDirectory("orca-chaos-crash-");
    try (TestOrca orca = TestOrca.startProcessNode(Map.of())) {
      ApiClient api = orca.api;
      Path out = scratch.resolve("main.out");
      assertEquals(201, api.post("/api/v1/namespaces/default/pods", ProcessLifecycleTest.pod("victim", out, 30, "Always",
          ProcessLifecycleTest.TRAPS_TERM, "")).code());
      await("victim running", DEADLINE, () -> ProcessLifecycleTest.lines(out), l -> l.contains("started"));

      ApiClient.Response crash = api.post("/chaos/v1/faults", "{\"kind\":\"crash-container\",\"target\":\"pod/default/victim/main\"}");
      assertEquals(200, crash.code(), crash.body());
      assertEquals(1, crash.json().path("crashedContainers").asInt(), crash.body());

      JsonNode pod = await("victim restarted", DEADLINE, () -> api.getJson("/api/v1/namespaces/default/pods/victim"),
          p -> p.path("status").path("containerStatuses").path(0).path("restartCount").asInt() == 1
              && p.path("status").path("containerStatuses").path(0).path("state").has("running"));
      assertEquals(137, pod.path("status").path("containerStatuses").path(0).path("lastState").path("terminated")
          .path("exitCode").asInt(), pod.toString());
      await("started again", DEADLINE, () -> ProcessLifecycleTest.lines(out),
          l -> l.stream().filter("started"::equals).count() == 2);
      assertFalse(ProcessLifecycleTest.lines(out).contains("TERM"), "killed, not asked to stop");
    } finally {
      TestOrca.deleteTree(scratch);
    }
  }
}
