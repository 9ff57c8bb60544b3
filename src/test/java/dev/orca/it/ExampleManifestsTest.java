package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The examples in k8s-manifests/ do what their comments say, applied with the real kubectl. */
class ExampleManifestsTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.startProcessNode(Map.of());
    kubectl = new Kubectl(orca.orca.port(), Files.createTempDirectory("orca-kubectl-"));
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  static String manifest(String name) {
    return Path.of("k8s-manifests", name).toAbsolutePath().toString();
  }

  @Test
  void theCrashingContainerLoopsInBackOffAndKeepsItsPreviousLog() {
    kubectl.run("apply", "-f", manifest("crashing.yaml")).ok();
    // as kubelet's: during a back-off, logs show the run that just ended and --previous the one before
    JsonNode status = await("crasher in CrashLoopBackOff after two restarts", DEADLINE,
        () -> orca.api.getJson(NS + "/pods/crasher").path("status").path("containerStatuses").path(0),
        c -> c.path("restartCount").asInt() >= 2
            && "CrashLoopBackOff".equals(c.path("state").path("waiting").path("reason").asText()));
    assertTrue(status.path("lastState").path("terminated").path("exitCode").asInt() == 3, status.toString());
    String previous = kubectl.run("logs", "crasher", "--previous").ok().stdout();
    assertTrue(previous.contains("starting at") && previous.contains("giving up"), previous);
  }

  @Test
  void theProbeGatedAppJoinsItsServiceOnceReady() {
    kubectl.run("apply", "-f", manifest("probe-gated.yaml")).ok();
    await("2 ready gated pods", DEADLINE, () -> items(orca.api.getJson(NS + "/pods?labelSelector=app%3Dgated")),
        ps -> ps.size() == 2 && ps.stream().allMatch(p ->
            p.path("status").path("containerStatuses").path(0).path("ready").asBoolean()));
    String endpoints = await("both in the Service's endpoints", DEADLINE,
        () -> kubectl.run("get", "endpoints", "gated").stdout(), out -> out.split(":8080").length == 3);
    assertTrue(endpoints.contains("gated"), endpoints);
  }
}
