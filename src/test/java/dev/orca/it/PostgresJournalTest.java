package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Orca on a real PostgreSQL journal: a Deployment's life, watched in order, and a restart that keeps every object. */
@ExtendWith(TestPostgres.Resolver.class)
class PostgresJournalTest {
  private static final Duration DEADLINE = Duration.ofSeconds(40);
  private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/default/deployments/pg-web";
  private static final String PODS = "/api/v1/namespaces/default/pods";

  @Test
  void aDeploymentLivesOnPostgresAndEveryObjectSurvivesARestart(TestPostgres postgres) throws Exception {
    Map<String, Object> journal = TestPostgres.journal(postgres.newDatabase());
    Map<String, String> before;
    try (TestOrca orca = TestOrca.start(3, journal)) {
      ApiClient api = orca.api;
      await("3 ready nodes", DEADLINE, orca::readyNodes, n -> n == 3);
      long listRv = api.getJson(PODS).path("metadata").path("resourceVersion").asLong();
      try (ApiClient.Watch watch = api.watch(PODS + "?watch=true&resourceVersion=" + listRv)) {
        ApiClient.Response created = api.post("/apis/apps/v1/namespaces/default/deployments", Manifests.deployment("pg-web", 5, "nginx"));
        assertEquals(201, created.code(), created.body());
        await("5 available", DEADLINE, () -> api.getJson(DEPLOYMENT), d -> d.path("status").path("availableReplicas").asInt() == 5);
        ApiClient.Response scaled = api.update(DEPLOYMENT, d -> ((ObjectNode) d.path("spec")).put("replicas", 8));
        assertEquals(200, scaled.code(), scaled.body());
        await("8 available", DEADLINE, () -> api.getJson(DEPLOYMENT), d -> d.path("status").path("availableReplicas").asInt() == 8
            && d.path("status").path("observedGeneration").asLong() == d.path("metadata").path("generation").asLong());
        assertEquals(8, items(api.getJson(PODS + "?labelSelector=app%3Dpg-web")).stream()
            .filter(p -> p.path("status").path("phase").asText().equals("Running")).count());

        // the watch saw every pod reach Running, each event after the one before it
        Set<String> running = new HashSet<>();
        long previous = listRv;
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (running.size() < 8) {
          JsonNode event = watch.events().poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
          assertNotNull(event, "watch ended early; Running pods seen: " + running);
          JsonNode meta = event.path("object").path("metadata");
          long rv = meta.path("resourceVersion").asLong();
          assertTrue(rv > previous, "watch event at " + rv + " after " + previous);
          previous = rv;
          if (event.path("object").path("status").path("phase").asText().equals("Running")) {
            running.add(meta.path("name").asText());
          }
        }
      }

      // each write returns once the local tail has applied it: on PostgreSQL that is the write latency
      long[] micros = new long[20];
      for (int i = 0; i < micros.length; i++) {
        long start = System.nanoTime();
        assertEquals(201, api.post("/api/v1/namespaces",
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"pg-ns-" + i + "\"}}").code());
        micros[i] = (System.nanoTime() - start) / 1000;
      }
      Arrays.sort(micros);
      System.out.printf("PostgreSQL journal: write to visible in the API, p50 %.1f ms, max %.1f ms%n",
          micros[micros.length / 2] / 1000.0, micros[micros.length - 1] / 1000.0);

      before = settled(api);
    }

    try (TestOrca orca = TestOrca.start(3, journal)) {
      Map<String, String> after = RestartTest.inventory(orca.api);
      assertEquals(before, after, "objects, uids and resourceVersions after a restart on the same database");
      assertEquals(8, items(orca.api.getJson(PODS + "?labelSelector=app%3Dpg-web")).size(), "no extra pods");
    }
  }

  /** The inventory once nothing has changed in it for a second. */
  static Map<String, String> settled(ApiClient api) {
    long[] since = {System.nanoTime()};
    Map<String, String>[] last = new Map[] {RestartTest.inventory(api)};
    return await("a settled journal", DEADLINE, () -> {
      Map<String, String> now = RestartTest.inventory(api);
      if (!now.equals(last[0])) {
        last[0] = now;
        since[0] = System.nanoTime();
      }
      return now;
    }, now -> System.nanoTime() - since[0] > TimeUnit.SECONDS.toNanos(1));
  }
}
