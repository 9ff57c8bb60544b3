package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The parts of the Kubernetes API that kubectl uses behind the scenes, over HTTP. */
class ApiSurfaceTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final String APPS = "/apis/apps/v1/namespaces/default";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.start(2, Map.of("orca.api.watch-bookmark-interval", "300ms", "orca.events.ttl", "3s",
        "orca.control.gc-interval", "500ms", "orca.runtime.restart-backoff-min", "200ms",
        "orca.runtime.restart-backoff-max", "1s", "orca.node.resync-interval", "200ms"));
    api = orca.api;
    await("2 ready nodes", DEADLINE, orca::readyNodes, n -> n == 2);
    assertEquals(201, api.post(APPS + "/deployments", Manifests.deployment("surface", 5, "nginx")).code());
    await("5 available", DEADLINE, () -> api.getJson(APPS + "/deployments/surface"),
        d -> d.path("status").path("availableReplicas").asInt() == 5);
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  @Test
  void listsPageWithLimitAndContinue() {
    assertEquals(201, api.post(NS + "/pods", Manifests.pod("paged-1", "")).code());
    assertEquals(201, api.post(NS + "/pods", Manifests.pod("paged-2", "")).code());
    assertEquals(201, api.post(NS + "/pods", Manifests.pod("paged-3", "")).code());
    assertEquals(201, api.post(NS + "/pods", Manifests.pod("paged-4", "")).code());
    assertEquals(201, api.post(NS + "/pods", Manifests.pod("paged-5", "")).code());
    Set<String> seen = new HashSet<>();
    String token = "";
    String firstVersion = null;
    int pages = 0;
    do {
      JsonNode page = api.getJson(NS + "/pods?fieldSelector=metadata.namespace%3Ddefault&labelSelector=app+in+(paged-1,paged-2,paged-3,paged-4,paged-5)&limit=2"
          + (token.isEmpty() ? "" : "&continue=" + token));
      pages++;
      if (firstVersion == null) {
        firstVersion = page.path("metadata").path("resourceVersion").asText();
      }
      assertEquals(firstVersion, page.path("metadata").path("resourceVersion").asText(), "pages answer at the first page's version");
      assertTrue(items(page).size() <= 2);
      items(page).forEach(p -> assertTrue(seen.add(p.path("metadata").path("name").asText()), "a pod on two pages"));
      token = page.path("metadata").path("continue").asText("");
    } while (!token.isEmpty() && pages < 10);
    assertEquals(5, seen.size());
    assertEquals(3, pages);
    assertEquals(400, api.get(NS + "/pods?limit=2&continue=not-a-token").code());
  }

  @Test
  void resourceVersionMatchOnLists() {
    long rv = api.getJson(NS + "/pods").path("metadata").path("resourceVersion").asLong();
    assertEquals(200, api.get(NS + "/pods?resourceVersion=0").code());
    assertEquals(200, api.get(NS + "/pods?resourceVersion=1&resourceVersionMatch=NotOlderThan").code());
    assertEquals(422, api.get(NS + "/pods?resourceVersionMatch=Exact").code());
    assertEquals(422, api.get(NS + "/pods?resourceVersion=1&resourceVersionMatch=Sometimes").code());
    ApiClient.Response exactOld = api.get(NS + "/pods?resourceVersion=1&resourceVersionMatch=Exact");
    assertEquals(410, exactOld.code(), exactOld.body());
    assertEquals(504, api.get(NS + "/pods?resourceVersion=" + (rv + 1_000_000) + "&resourceVersionMatch=NotOlderThan").code());
  }

  @Test
  void watchesSendBookmarksWhenAsked() throws Exception {
    long rv = api.getJson(NS + "/pods").path("metadata").path("resourceVersion").asLong();
    try (ApiClient.Watch watch = api.watch(NS + "/pods?watch=true&allowWatchBookmarks=true&resourceVersion=" + rv)) {
      JsonNode bookmark = null;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (bookmark == null && System.nanoTime() < end) {
        JsonNode event = watch.events().poll(1, TimeUnit.SECONDS);
        if (event != null && event.path("type").asText().equals("BOOKMARK")) {
          bookmark = event;
        }
      }
      assertNotNull(bookmark, "no BOOKMARK event");
      assertEquals("Pod", bookmark.path("object").path("kind").asText());
      assertTrue(bookmark.path("object").path("metadata").path("resourceVersion").asLong() >= rv);
    }
  }

  @Test
  void dryRunChecksButWritesNothing() {
    ApiClient.Response dry = api.post(APPS + "/deployments?dryRun=All", Manifests.deployment("dry", 1, "nginx"));
    assertEquals(201, dry.code(), dry.body());
    assertEquals("dry", dry.json().path("metadata").path("name").asText());
    assertEquals(404, api.get(APPS + "/deployments/dry").code());
    assertEquals(422, api.post(APPS + "/deployments?dryRun=All", Manifests.deployment("dry", -1, "nginx")).code());
    assertEquals(400, api.post(APPS + "/deployments?dryRun=Some", Manifests.deployment("dry", 1, "nginx")).code());
  }

  @Test
  void scaleSubresource() {
    JsonNode scale = api.getJson(APPS + "/deployments/surface/scale");
    assertEquals("Scale", scale.path("kind").asText());
    assertEquals("autoscaling/v1", scale.path("apiVersion").asText());
    assertEquals(5, scale.path("spec").path("replicas").asInt());
    assertEquals("app=surface", scale.path("status").path("selector").asText());
    ApiClient.Response put = api.put(APPS + "/deployments/surface/scale",
        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"surface\"},\"spec\":{\"replicas\":4}}");
    assertEquals(200, put.code(), put.body());
    assertEquals(4, put.json().path("spec").path("replicas").asInt());
    assertEquals(4, api.getJson(APPS + "/deployments/surface").path("spec").path("replicas").asInt());
    await("4 pods", DEADLINE, () -> items(api.getJson(NS + "/pods?labelSelector=app%3Dsurface")).size(), n -> n == 4);
  }

  @Test
  void evictionDeletesThePodAndItIsReplaced() {
    List<JsonNode> pods = items(api.getJson(NS + "/pods?labelSelector=app%3Dsurface"));
    String victim = pods.get(0).path("metadata").path("name").asText();
    ApiClient.Response evicted = api.post(NS + "/pods/" + victim + "/eviction",
        "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + victim + "\"},\"deleteOptions\":{}}");
    assertEquals(201, evicted.code(), evicted.body());
    assertEquals("Success", evicted.json().path("status").asText());
    await(victim + " gone", DEADLINE, () -> api.get(NS + "/pods/" + victim).code(), c -> c == 404);
    assertEquals(404, api.post(NS + "/pods/nope/eviction", "{\"kind\":\"Eviction\",\"apiVersion\":\"policy/v1\"}").code());
  }

  @Test
  void logsWithOptionsAndThePreviousContainer() {
    assertEquals(201, api.post(NS + "/pods", Manifests.pod("chatty", "")).code());
    await("chatty ready", DEADLINE, () -> api.getJson(NS + "/pods/chatty"),
        p -> p.path("status").path("containerStatuses").path(0).path("ready").asBoolean());
    ApiClient.Response all = api.get(NS + "/pods/chatty/log");
    assertEquals(200, all.code(), all.body());
    // every agent resyncs every 200 ms here; none may forget the log of a live pod (they share a log store)
    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < until) {
      assertEquals(200, api.get(NS + "/pods/chatty/log").code(), "the log of a live pod went away");
    }
    assertEquals(3, all.body().lines().count(), all.body());
    assertEquals(1, api.get(NS + "/pods/chatty/log?tailLines=1").body().lines().count());
    String stamped = api.get(NS + "/pods/chatty/log?timestamps=true").body();
    assertTrue(stamped.lines().allMatch(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT\\S+ .*")), stamped);
    assertEquals(400, api.get(NS + "/pods/chatty/log?previous=true").code());
    assertEquals(400, api.get(NS + "/pods/chatty/log?container=nope").code());

    assertEquals(200, api.post("/chaos/v1/faults", "{\"kind\":\"crash-container\",\"target\":\"pod/default/chatty\"}").code());
    await("chatty restarted", DEADLINE, () -> api.getJson(NS + "/pods/chatty"),
        p -> p.path("status").path("containerStatuses").path(0).path("restartCount").asInt() == 1
            && p.path("status").path("containerStatuses").path(0).path("ready").asBoolean());
    String previous = api.get(NS + "/pods/chatty/log?previous=true").body();
    assertTrue(previous.contains("crashed with exit code 1"), previous);
  }

  @Test
  void eventsAreRecordedQueryableAndExpire() {
    String pod = items(api.getJson(NS + "/pods?labelSelector=app%3Dsurface")).get(0).path("metadata").path("name").asText();
    String uid = api.getJson(NS + "/pods/" + pod).path("metadata").path("uid").asText();
    JsonNode events = await("events about " + pod, DEADLINE,
        () -> api.getJson(NS + "/events?fieldSelector=involvedObject.name%3D" + pod + ",involvedObject.uid%3D" + uid),
        e -> items(e).stream().anyMatch(x -> x.path("reason").asText().equals("Scheduled"))
            && items(e).stream().anyMatch(x -> x.path("reason").asText().equals("Started")));
    Set<String> reasons = new HashSet<>();
    items(events).forEach(e -> reasons.add(e.path("reason").asText()));
    assertTrue(reasons.contains("Started"), reasons.toString());
    assertTrue(items(events).stream().allMatch(e -> e.path("involvedObject").path("name").asText().equals(pod)));
    assertFalse(items(api.getJson(APPS.replace("/apis/apps/v1", "/api/v1") + "/events?fieldSelector=reason%3DScalingReplicaSet")).isEmpty());
    await("events to expire after their ttl", DEADLINE,
        () -> items(api.getJson(NS + "/events?fieldSelector=involvedObject.name%3D" + pod)).size(), n -> n == 0);
  }

  @Test
  void tablesForKubectl() {
    ApiClient.Response table = api.send("GET", NS + "/pods?labelSelector=app%3Dsurface", null, null);
    assertEquals("PodList", table.json().path("kind").asText());
    JsonNode t = api.getJsonAccept(NS + "/pods?labelSelector=app%3Dsurface",
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
    assertEquals("Table", t.path("kind").asText());
    assertEquals("Name", t.path("columnDefinitions").get(0).path("name").asText());
    assertEquals("PartialObjectMetadata", t.path("rows").get(0).path("object").path("kind").asText());
  }
}
