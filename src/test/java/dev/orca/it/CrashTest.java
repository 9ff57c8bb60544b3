package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A crashed container is restarted in place (with backoff): the pod stays, its restart count goes up. */
class CrashTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.start(1, Map.of("orca.runtime.restart-backoff-min", "200ms", "orca.runtime.restart-backoff-max", "1s"));
    api = orca.api;
    await("the node ready", DEADLINE, orca::readyNodes, n -> n == 1);
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  static JsonNode containerStatus(JsonNode pod) {
    return pod.path("status").path("containerStatuses").path(0);
  }

  @Test
  void aCrashedContainerRestartsAndCountsIt() {
    assertEquals(201, api.post("/api/v1/namespaces/default/pods", Manifests.pod("crashy", "")).code());
    JsonNode running = await("crashy ready", DEADLINE, () -> api.getJson("/api/v1/namespaces/default/pods/crashy"),
        p -> containerStatus(p).path("ready").asBoolean());
    String uid = running.path("metadata").path("uid").asText();
    assertEquals(0, containerStatus(running).path("restartCount").asInt());

    ApiClient.Response crash = api.post("/chaos/v1/faults", "{\"kind\":\"crash-container\",\"target\":\"pod/default/crashy\"}");
    assertEquals(200, crash.code(), crash.body());
    assertEquals(1, crash.json().path("crashedContainers").asInt());

    JsonNode restarted = await("crashy restarted and ready again", DEADLINE,
        () -> api.getJson("/api/v1/namespaces/default/pods/crashy"),
        p -> containerStatus(p).path("restartCount").asInt() == 1 && containerStatus(p).path("ready").asBoolean());
    assertEquals(uid, restarted.path("metadata").path("uid").asText(), "the same pod, not a replacement");
    assertEquals(1, containerStatus(restarted).path("lastState").path("terminated").path("exitCode").asInt());
    assertEquals(1, items(api.getJson("/api/v1/namespaces/default/pods")).size());
  }
}
