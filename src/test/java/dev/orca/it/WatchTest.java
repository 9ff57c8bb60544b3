package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** List, then watch from the list's resourceVersion while several clients write: every change arrives once, in order. */
class WatchTest {
  private static TestOrca orca;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.start(0);
    api = orca.api;
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  @Test
  void everyChangeAfterTheListArrivesExactlyOnceInOrder() throws Exception {
    String nsBody = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"watched\"}}";
    assertEquals(201, api.post("/api/v1/namespaces", nsBody).code());
    String list = "/apis/apps/v1/namespaces/watched/deployments";
    long listRv = api.getJson(list).path("metadata").path("resourceVersion").asLong();

    Set<Long> written = ConcurrentHashMap.newKeySet();
    int writers = 4;
    int perWriter = 10;
    try (ApiClient.Watch watch = api.watch(list + "?watch=true&resourceVersion=" + listRv)) {
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perWriter; i++) {
            String name = "w" + writer + "-" + i;
            ApiClient.Response created = api.post(list, Manifests.deployment(name, 0, "nginx"));
            assertEquals(201, created.code(), created.body());
            written.add(created.json().path("metadata").path("resourceVersion").asLong());
            ApiClient.Response labelled = api.update(list + "/" + name,
                d -> ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("metadata").path("labels")).put("touched", "yes"));
            assertEquals(200, labelled.code(), labelled.body());
            written.add(labelled.json().path("metadata").path("resourceVersion").asLong());
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();

      Map<Long, Integer> seen = new HashMap<>();
      List<Long> order = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!seen.keySet().containsAll(written)) {
        JsonNode event = watch.events().poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (event == null) {
          fail("watch missed changes: " + written.stream().filter(rv -> !seen.containsKey(rv)).sorted().toList());
        }
        assertTrue(Set.of("ADDED", "MODIFIED", "DELETED").contains(event.path("type").asText()), event.toString());
        long rv = event.path("object").path("metadata").path("resourceVersion").asLong();
        assertTrue(rv > listRv, "an event from before the list: " + rv);
        seen.merge(rv, 1, Integer::sum);
        order.add(rv);
      }
      for (long rv : written) {
        assertEquals(1, seen.get(rv), "change " + rv + " arrived " + seen.get(rv) + " times");
      }
      List<Long> sorted = new ArrayList<>(order);
      Collections.sort(sorted);
      assertEquals(sorted, order, "events out of order");
      assertEquals(writers * perWriter * 2, written.size());
    }
  }

  @Test
  void aWatchWithALabelSelectorSeesObjectsEnterAndLeaveIt() throws Exception {
    String list = "/apis/apps/v1/namespaces/default/deployments";
    try (ApiClient.Watch watch = api.watch(list + "?watch=true&labelSelector=tier%3Dfront")) {
      assertEquals(201, api.post(list, Manifests.deployment("other", 0, "nginx")).code());
      assertEquals(201, api.post(list, Manifests.deployment("front", 0, "nginx")
          .replace("\"labels\":{\"app\":\"front\"}}", "\"labels\":{\"app\":\"front\",\"tier\":\"front\"}}")).code());
      JsonNode added = next(watch, Set.of("ADDED", "DELETED"));
      assertEquals("ADDED", added.path("type").asText(), String.valueOf(added));
      assertEquals("front", added.path("object").path("metadata").path("name").asText());
      assertEquals(200, api.update(list + "/front",
          d -> ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("metadata").path("labels")).put("tier", "back")).code());
      // the controller's status writes arrive as MODIFIED while the object matches; then it leaves
      JsonNode left = next(watch, Set.of("ADDED", "DELETED"));
      assertEquals("DELETED", left.path("type").asText(), String.valueOf(left));
      assertEquals("back", left.path("object").path("metadata").path("labels").path("tier").asText());
      assertEquals(200, api.update(list + "/other",
          d -> ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("metadata").path("labels")).put("tier", "front")).code());
      JsonNode entered = next(watch, Set.of("ADDED", "DELETED"));
      assertEquals("ADDED", entered.path("type").asText(), String.valueOf(entered));
      assertEquals("other", entered.path("object").path("metadata").path("name").asText());
    }
  }

  @Test
  void aWatchFromNowStartsWithEveryObjectHoweverManyMoreThanItsBuffer() throws Exception {
    try (TestOrca small = TestOrca.start(0, Map.of("orca.store.watcher-buffer", 16))) {
      String list = "/api/v1/namespaces/default/configmaps";
      Set<String> created = new java.util.TreeSet<>();
      for (int i = 0; i < 60; i++) {
        String name = "cm-" + i;
        assertEquals(201, small.api.post(list, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
            + name + "\"},\"data\":{\"k\":\"v\"}}").code());
        created.add(name);
      }
      try (ApiClient.Watch watch = small.api.watch(list + "?watch=true")) {
        Set<String> added = new java.util.TreeSet<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (added.size() < created.size() && System.nanoTime() < end) {
          JsonNode event = watch.events().poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (event != null) {
            assertEquals("ADDED", event.path("type").asText(), event.toString());
            added.add(event.path("object").path("metadata").path("name").asText());
          }
        }
        assertEquals(created, added, "the current state, 60 objects through a watch whose change buffer holds 16");
      }
    }
  }

  /** The next event of one of these types, skipping the others; fails after 10 s. */
  private static JsonNode next(ApiClient.Watch watch, Set<String> types) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      JsonNode event = watch.events().poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event != null && types.contains(event.path("type").asText())) {
        return event;
      }
    }
    throw new AssertionError("no " + types + " event within 10 s");
  }
}
