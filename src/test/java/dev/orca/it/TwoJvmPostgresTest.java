package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.SimulatedNodeClaimTest.annotation;
import static dev.orca.it.SimulatedNodeClaimTest.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Orca JVMs in one Pekko cluster writing one PostgreSQL journal: both APIs serve the same
 * objects with the same resourceVersions, a write through one shows on the other's watch, and a
 * simulated node created through the API runs on exactly one of them.
 */
@ExtendWith(TestPostgres.Resolver.class)
class TwoJvmPostgresTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  /** Two JVMs starting at once on a busy 2-core machine took 20 s and more to serve. */
  private static final Duration START = Duration.ofSeconds(120);

  @Test
  void twoMembersServeTheSameObjectsWithTheSameResourceVersions(TestPostgres postgres) throws Exception {
    String url = postgres.newDatabase();
    int remoteA = OrcaProcess.freePort();
    int remoteB = OrcaProcess.freePort();
    List<String> common = new ArrayList<>();
    TestPostgres.journal(url).forEach((k, v) -> common.add(k + "=" + v));
    common.add("pekko.cluster.seed-nodes.0=pekko://orca@127.0.0.1:" + remoteA);
    common.add("orca.runtime.simulated-start-delay=100ms");
    // kill-node-agent answers 404 on a member that runs no agent of the node: which JVMs run one
    common.add("orca.chaos.enabled=on");
    Path dataA = Files.createTempDirectory("orca-pg-a-");
    Path dataB = Files.createTempDirectory("orca-pg-b-");
    int apiA = OrcaProcess.freePort();
    int apiB = OrcaProcess.freePort();
    ApiClient a = new ApiClient(apiA);
    ApiClient b = new ApiClient(apiB);
    try (OrcaProcess first = OrcaProcess.start(dataA, apiA, 3, with(common, "pekko.remote.artery.canonical.port=" + remoteA));
        OrcaProcess second = OrcaProcess.start(dataB, apiB, 0, with(common, "pekko.remote.artery.canonical.port=" + remoteB))) {
      await("the first member's API", START, () -> RestartTest.up(a), ok -> ok);
      await("the second member's API", START, () -> RestartTest.up(b), ok -> ok);

      assertEquals(201, a.post("/apis/apps/v1/namespaces/default/deployments", Manifests.deployment("shared", 6, "nginx")).code());
      // the second member may not show it yet (its read side follows A's commit a few ms later)
      await("6 available, seen through the second member", DEADLINE,
          () -> b.get("/apis/apps/v1/namespaces/default/deployments/shared"),
          r -> r.code() == 200 && r.json().path("status").path("availableReplicas").asInt() == 6);
      assertEquals(201, b.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"from-b\"}}").code());

      aSimulatedNodeRunsOnOneMember(a, b, "pekko://orca@127.0.0.1:" + remoteA, "pekko://orca@127.0.0.1:" + remoteB);

      Map<String, String> onA = PostgresJournalTest.settled(a);
      await("the second member to serve what the first serves", DEADLINE, () -> RestartTest.inventory(b), onA::equals);

      // cross-JVM lag: a write through A, acknowledged once A's tail applied it, until B's watch sends it
      long listRv = b.getJson("/api/v1/namespaces").path("metadata").path("resourceVersion").asLong();
      long[] lagMicros = new long[30];
      long[] ackMicros = new long[lagMicros.length];
      try (ApiClient.Watch watch = b.watch("/api/v1/namespaces?watch=true&resourceVersion=" + listRv)) {
        for (int i = 0; i < lagMicros.length; i++) {
          long start = System.nanoTime();
          ApiClient.Response created = a.post("/api/v1/namespaces",
              "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"lag-" + i + "\"}}");
          assertEquals(201, created.code(), created.body());
          ackMicros[i] = (System.nanoTime() - start) / 1000;
          String rv = created.json().path("metadata").path("resourceVersion").asText();
          JsonNode event;
          do {
            event = watch.events().poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(event, "no watch event on the second member for lag-" + i);
          } while (!event.path("object").path("metadata").path("name").asText().equals("lag-" + i));
          lagMicros[i] = (System.nanoTime() - start) / 1000;
          assertEquals(rv, event.path("object").path("metadata").path("resourceVersion").asText());
        }
      }
      Arrays.sort(lagMicros);
      Arrays.sort(ackMicros);
      System.out.printf("two JVMs on PostgreSQL: POST on A -> 201 p50 %.1f / max %.1f ms; POST on A -> watch event on B"
              + " p50 %.1f / max %.1f ms%n", ackMicros[ackMicros.length / 2] / 1000.0, ackMicros[ackMicros.length - 1] / 1000.0,
          lagMicros[lagMicros.length / 2] / 1000.0, lagMicros[lagMicros.length - 1] / 1000.0);
    } finally {
      TestOrca.deleteTree(dataA);
      TestOrca.deleteTree(dataB);
    }
  }

  /**
   * A Node with {@code orca.dev/simulated: "true"} and no owner, created through the first member:
   * both workers see it, one claim lands, and only that member runs an agent for it — the other's
   * chaos endpoint finds none there. Both members use the same name prefix here, so the member's
   * address on the node is what tells them apart; the first member's own simulated nodes are not
   * run by the second either.
   */
  private static void aSimulatedNodeRunsOnOneMember(ApiClient a, ApiClient b, String addressA, String addressB) {
    assertEquals(201, a.post("/api/v1/nodes", Manifests.simulatedNode("kwok-shared", "4", "8Gi", "{}", "[]")).code());
    JsonNode node = await("kwok-shared claimed by one member and Ready", DEADLINE,
        () -> a.getJson("/api/v1/nodes/kwok-shared"), n -> !annotation(n, "orca.dev/member").isEmpty() && ready(n));
    String member = annotation(node, "orca.dev/member");
    assertTrue(member.equals(addressA) || member.equals(addressB), node.toString());
    assertEquals("sim-node-", annotation(node, "orca.dev/simulated-by"), node.toString());
    ApiClient runs = member.equals(addressA) ? a : b;
    ApiClient other = member.equals(addressA) ? b : a;

    assertEquals(404, killAgent(other, "kwok-shared", "1s").code(), "the member whose claim lost runs no agent of it");
    assertEquals(404, killAgent(b, "sim-node-1", "1s").code(), "the second member runs no agent for the first's nodes");
    ApiClient.Response killed = killAgent(runs, "kwok-shared", "1s");
    assertEquals(201, killed.code(), killed.body());
    await("the agent back", DEADLINE, () -> ApiClient.items(runs.getJson("/chaos/v1/faults")).size(), n -> n == 0);
    assertEquals(member, annotation(a.getJson("/api/v1/nodes/kwok-shared"), "orca.dev/member"), "the claim stays");
    assertEquals(404, killAgent(other, "kwok-shared", "1s").code(), "still no agent on the other member");
  }

  private static ApiClient.Response killAgent(ApiClient api, String node, String duration) {
    return api.post("/chaos/v1/faults",
        "{\"kind\":\"kill-node-agent\",\"target\":\"node/" + node + "\",\"for\":\"" + duration + "\"}");
  }

  private static String[] with(List<String> common, String more) {
    List<String> all = new ArrayList<>(common);
    all.add(more);
    return all.toArray(String[]::new);
  }
}
