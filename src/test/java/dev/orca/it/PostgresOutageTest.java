package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.node.LocalAgents;
import dev.orca.node.WorkerNodes;
import dev.orca.node.runtime.LogStore;
import dev.orca.node.runtime.SimulatedRuntime;
import dev.orca.store.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL (a server of its own) stopped for 10 s and started again under a client that keeps
 * writing, with a rollout under way: writes in the outage get a Status saying the store is
 * unavailable, reads keep answering, nothing acknowledged is lost, and once the database is back
 * writes, the watch, the LISTEN connection, entities and controllers continue without a restart.
 * A node agent started in the outage registers once the database is back. Prints the time from
 * PostgreSQL back to the first write answered 2xx.
 */
class PostgresOutageTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Duration OUTAGE = Duration.ofSeconds(10);
  private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
  private static final String COUNTER = CONFIGMAPS + "/counter";
  private static final String LATE_NODE = "registers-in-the-outage";
  private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/default/deployments/outage-web";

  /** One write the client made: what, its answer, and when it was answered. */
  record Write(String kind, int value, int code, String body, long answeredNanos) {
    boolean ok() {
      return code / 100 == 2;
    }
  }

  @Test
  void writesFailCleanlyWhilePostgresIsDownAndEverythingContinuesWhenItIsBack() throws Exception {
    try (TestPostgres postgres = TestPostgres.startPrivate()) {
      String url = postgres.newDatabase();
      try (TestOrca orca = TestOrca.start(2, TestPostgres.journal(url))) {
        ApiClient api = orca.api;
        await("2 ready nodes", DEADLINE, orca::readyNodes, n -> n == 2);
        assertEquals(201, api.post("/apis/apps/v1/namespaces/default/deployments",
            Manifests.deployment("outage-web", 1, "nginx")).code());
        assertEquals(201, api.post(CONFIGMAPS, configMap("counter", "n", 0)).code());
        await("1 available", DEADLINE, () -> api.getJson(DEPLOYMENT), d -> d.path("status").path("availableReplicas").asInt() == 1);
        long listRv = api.getJson(CONFIGMAPS).path("metadata").path("resourceVersion").asLong();

        ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread client = new Thread(() -> {
          for (int i = 1; writing.get(); i++) {
            ApiClient.Response created = api.post(CONFIGMAPS, configMap("cm-" + i, "v", i));
            writes.add(new Write("create", i, created.code(), created.body(), System.nanoTime()));
            ApiClient.Response patched = api.patch(COUNTER, "application/merge-patch+json", "{\"data\":{\"n\":\"" + i + "\"}}");
            writes.add(new Write("patch", i, patched.code(), patched.body(), System.nanoTime()));
            if (created.code() / 100 != 2 && patched.code() / 100 != 2) {
              // a client backing off on 503 (client-go honours Retry-After; this one retries sooner)
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
          }
        }, "outage-client");

        try (ApiClient.Watch watch = api.watch(CONFIGMAPS + "?watch=true&resourceVersion=" + listRv)) {
          client.start();
          await("writes before the outage", DEADLINE, () -> count(writes, Write::ok), n -> n >= 10);

          // a rollout under way when the database goes: its controllers' writes fail mid-way
          assertEquals(200, api.update(DEPLOYMENT, d -> ((ObjectNode) d.path("spec")).put("replicas", 3)).code());
          long stopped = System.nanoTime();
          postgres.stopServer();
          await("writes refused during the outage", DEADLINE,
              () -> count(writes, w -> !w.ok() && w.answeredNanos() > stopped), n -> n >= 4);
          assertTrue(await("the journal listener notices", DEADLINE, () -> !listening(orca), b -> b));
          // The outage lasts OUTAGE, long enough for the connection pool's reconnect backoff to
          // reach its cap; reads are served from the watch cache all along.
          int reads = 0;
          while (System.nanoTime() - stopped < OUTAGE.toNanos()) {
            assertEquals(200, api.get(CONFIGMAPS).code());
            assertEquals(200, api.get(DEPLOYMENT).code());
            assertEquals(200, api.get(COUNTER).code());
            reads += 3;
          }
          System.out.printf("PostgreSQL outage: %d reads answered 200 while it was down%n", reads);
          // a node whose agent starts now registers into a refusing journal: it must keep trying
          startAgent(orca, LATE_NODE);

          postgres.startServer();
          long back = System.nanoTime();
          await("the journal reachable", DEADLINE, () -> Store.get(orca.orca.system()).journalReachable(), b -> b);
          System.out.printf("PostgreSQL outage: the journal tail reconnected %.0f ms after PostgreSQL was back%n",
              (System.nanoTime() - back) / 1e6);
          await("a write after PostgreSQL is back", DEADLINE,
              () -> count(writes, w -> w.ok() && w.answeredNanos() > back), n -> n >= 1);
          long firstOk = writes.stream().filter(w -> w.ok() && w.answeredNanos() > back)
              .mapToLong(Write::answeredNanos).min().orElseThrow();
          System.out.printf("PostgreSQL outage: first successful write %.0f ms after PostgreSQL was back%n",
              (firstOk - back) / 1e6);
          writes.stream().filter(w -> w.answeredNanos() > stopped && w.answeredNanos() < firstOk + 1)
              .collect(java.util.stream.Collectors.groupingBy(Write::code, java.util.stream.Collectors.counting()))
              .forEach((code, n) -> System.out.printf("PostgreSQL outage: %d writes answered %d%n", n, code));
          writes.stream().filter(w -> w.answeredNanos() > back && w.answeredNanos() <= firstOk)
              .forEach(w -> System.out.printf("PostgreSQL outage: after it was back, %s %d answered %d at %.0f ms%n",
                  w.kind(), w.value(), w.code(), (w.answeredNanos() - back) / 1e6));
          await("writes after recovery", DEADLINE, () -> count(writes, w -> w.ok() && w.answeredNanos() > back), n -> n >= 10);
          writing.set(false);
          client.join(TimeUnit.SECONDS.toMillis(40));

          // every refusal was a Status saying the store is unavailable: 503, or 504 for a write in flight
          List<Write> refused = writes.stream().filter(w -> !w.ok()).toList();
          assertTrue(!refused.isEmpty());
          for (Write w : refused) {
            assertTrue(w.code() == 503 || w.code() == 504, w.code() + ": " + w.body());
            JsonNode status = new ApiClient.Response(w.code(), w.body()).json();
            assertEquals("Status", status.path("kind").asText(), w.body());
            assertTrue(status.path("message").asText().contains("store"), w.body());
          }

          // nothing acknowledged is lost: in the API (the watch cache) and in the journal itself
          Set<String> journal = persistenceIds(url);
          Set<String> acknowledged = new HashSet<>();
          for (Write w : writes) {
            if (w.kind().equals("create") && w.ok()) {
              String name = "cm-" + w.value();
              acknowledged.add(name);
              assertEquals(Integer.toString(w.value()), api.getJson(CONFIGMAPS + "/" + name).path("data").path("v").asText());
              assertTrue(journal.contains("ConfigMap|default/" + name), name + " in the journal");
            }
          }
          int lastPatch = writes.stream().filter(w -> w.kind().equals("patch") && w.ok()).mapToInt(Write::value).max().orElseThrow();
          assertTrue(api.getJson(COUNTER).path("data").path("n").asInt() >= lastPatch);

          // the watch opened before the outage saw every acknowledged create, those after it too
          Set<String> seen = new HashSet<>();
          long end = System.nanoTime() + DEADLINE.toNanos();
          while (!seen.containsAll(acknowledged) && System.nanoTime() < end) {
            JsonNode event = watch.events().poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
              break;
            }
            seen.add(event.path("object").path("metadata").path("name").asText());
          }
          assertTrue(seen.containsAll(acknowledged), "the watch missed some acknowledged objects");

          // entities whose persist failed take the next command: refused creates go through now
          for (Write w : refused) {
            if (w.kind().equals("create")) {
              int code = api.post(CONFIGMAPS, configMap("cm-" + w.value(), "v", w.value())).code();
              assertTrue(code == 201 || code == 409, "cm-" + w.value() + ": " + code);
              assertEquals(200, api.get(CONFIGMAPS + "/cm-" + w.value()).code());
            }
          }
          assertEquals(200, api.patch(COUNTER, "application/merge-patch+json", "{\"data\":{\"n\":\"-1\"}}").code());
          assertEquals("-1", api.getJson(COUNTER).path("data").path("n").asText());
          assertTrue(await("the journal listener back", DEADLINE, () -> listening(orca), b -> b));
        }

        // controllers continue: the scale begun before the outage completes untouched, a new one too
        await("3 available", DEADLINE, () -> api.getJson(DEPLOYMENT), d -> d.path("status").path("availableReplicas").asInt() == 3);
        assertEquals(200, api.update(DEPLOYMENT, d -> ((ObjectNode) d.path("spec")).put("replicas", 5)).code());
        await("the node whose registration failed in the outage Ready", DEADLINE, () -> api.get("/api/v1/nodes/" + LATE_NODE),
            r -> r.code() == 200 && ready(r.json()));
        await("5 available", DEADLINE, () -> api.getJson(DEPLOYMENT), d -> d.path("status").path("availableReplicas").asInt() == 5);
        assertEquals(5, items(api.getJson("/api/v1/namespaces/default/pods?labelSelector=app%3Doutage-web")).size());
      }
    }
  }

  /** Runs a node agent in the Orca JVM as `--nodes` would, with a simulated runtime. */
  private static void startAgent(TestOrca orca, String name) {
    WorkerNodes.Command start = new WorkerNodes.StartNode(WorkerNodes.processNode(name),
        new SimulatedRuntime(Duration.ZERO, ForkJoinPool.commonPool(), new LogStore(100)));
    LocalAgents.get(orca.orca.system()).workers().orElseThrow().tell(start);
  }

  private static boolean ready(JsonNode node) {
    for (JsonNode condition : node.path("status").path("conditions")) {
      if (condition.path("type").asText().equals("Ready")) {
        return condition.path("status").asText().equals("True");
      }
    }
    return false;
  }

  private static boolean listening(TestOrca orca) {
    return Store.get(orca.orca.system()).listening();
  }

  private static long count(ConcurrentLinkedQueue<Write> writes, java.util.function.Predicate<Write> which) {
    return writes.stream().filter(which).count();
  }

  private static String configMap(String name, String key, int value) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\""
        + key + "\":\"" + value + "\"}}";
  }

  private static Set<String> persistenceIds(String url) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT DISTINCT persistence_id FROM event_journal")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
