package dev.orca.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The client's view of every pod, as a watch of all namespaces delivers it: when each pod was
 * first seen, first seen bound to a node, first seen Running and Ready (nanoTime), and when each
 * value of the {@link #MARK} annotation was first seen (for watch-delivery latency). A watch that
 * ends is resumed from the last resourceVersion seen (bookmarks keep it fresh); one that fell
 * out of the server's window is relisted.
 */
final class PodWatch implements AutoCloseable {
  static final String MARK = "scale.orca.dev/mark";

  /** One pod's times (nanoTime; 0 until seen). */
  static final class Times {
    volatile long seen;
    volatile long bound;
    volatile long ready;
    volatile long failed;
  }

  private final String api;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Times> pods = new ConcurrentHashMap<>();
  private final Map<String, Long> marks = new ConcurrentHashMap<>();
  private final AtomicInteger bound = new AtomicInteger();
  private final AtomicInteger ready = new AtomicInteger();
  private final AtomicInteger failedUnready = new AtomicInteger();
  /** The pods Running and Ready as of the last event about each (a level, unlike {@link #ready}). */
  private final java.util.Set<String> readyNow = ConcurrentHashMap.newKeySet();
  private final AtomicLong events = new AtomicLong();
  private final AtomicInteger restarts = new AtomicInteger();
  private final Consumer<String> log;
  private volatile String resourceVersion;
  private volatile boolean closed;
  /** The last watch ended with 410 Gone: list before watching again. */
  private volatile boolean expired;
  private volatile Stream<String> current;
  private final Thread thread;

  PodWatch(String api, String fromResourceVersion, Consumer<String> log) {
    this.api = api;
    this.resourceVersion = fromResourceVersion;
    this.log = log;
    this.thread = new Thread(this::follow, "scale-pod-watch");
    thread.setDaemon(true);
    thread.start();
  }

  Times times(String key) {
    return pods.get(key);
  }

  Map<String, Times> all() {
    return pods;
  }

  Long markSeen(String mark) {
    return marks.get(mark);
  }

  int bound() {
    return bound.get();
  }

  int ready() {
    return ready.get();
  }

  /** How many pods are Running and Ready now, as the watch last told of each. */
  int readyNow() {
    return readyNow.size();
  }

  /** Pods seen Failed (a bare pod lost with its node: NodeLost) that were never seen Ready: they never will be. */
  int failedUnready() {
    return failedUnready.get();
  }

  long events() {
    return events.get();
  }

  int restarts() {
    return restarts.get();
  }

  private void follow() {
    while (!closed) {
      try {
        if (expired) {
          relist();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/v1/pods?watch=1&allowWatchBookmarks=true"
            + "&timeoutSeconds=3600&resourceVersion=" + resourceVersion)).build();
        HttpResponse<Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
          r.body().close();
          throw new IllegalStateException("watch answered " + r.statusCode());
        }
        current = r.body();
        Iterator<String> lines = current.iterator();
        while (!closed && lines.hasNext()) {
          String line = lines.next();
          if (!line.isBlank()) {
            onEvent(Json.mapper().readTree(line));
          }
        }
      } catch (Exception e) {
        if (!closed) {
          log.accept("pod watch: " + e + "; resuming from " + resourceVersion);
        }
      }
      if (!closed) {
        restarts.incrementAndGet();
        try {
          Thread.sleep(200); // not to spin on a member that is down
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /**
   * The watch fell so far behind that its resourceVersion left the server's window (410 Gone): as
   * an informer does, list every pod (in pages), take each as if the watch had told of it, and
   * watch again from the list's resourceVersion. Changes skipped are seen late, not lost.
   */
  private void relist() throws Exception {
    String cont = "";
    String listVersion = null;
    do {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/pods?limit=500"
          + (cont.isEmpty() ? "" : "&continue=" + cont))).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("relist answered " + r.statusCode());
      }
      JsonNode list = Json.mapper().readTree(r.body());
      if (listVersion == null) {
        listVersion = list.path("metadata").path("resourceVersion").asText();
      }
      for (JsonNode pod : list.path("items")) {
        onObject("ADDED", pod, System.nanoTime());
      }
      cont = list.path("metadata").path("continue").asText("");
    } while (!cont.isEmpty() && !closed);
    resourceVersion = listVersion;
    expired = false;
    log.accept("pod watch: relisted at resourceVersion " + listVersion);
  }

  private void onEvent(JsonNode event) {
    long now = System.nanoTime();
    events.incrementAndGet();
    String type = event.path("type").asText();
    JsonNode object = event.path("object");
    JsonNode meta = object.path("metadata");
    String rv = meta.path("resourceVersion").asText("");
    if (!rv.isEmpty() && !type.equals("ERROR")) {
      resourceVersion = rv;
    }
    if (type.equals("ERROR")) {
      expired = object.path("code").asInt() == 410;
      throw new IllegalStateException("watch error: " + object.path("message").asText());
    }
    if (type.equals("BOOKMARK")) {
      return;
    }
    onObject(type, object, now);
  }

  private void onObject(String type, JsonNode object, long now) {
    JsonNode meta = object.path("metadata");
    String key = meta.path("namespace").asText() + "/" + meta.path("name").asText();
    boolean runningAndReady = object.path("status").path("phase").asText().equals("Running") && readyCondition(object);
    if (runningAndReady && !type.equals("DELETED")) {
      readyNow.add(key);
    } else {
      readyNow.remove(key);
    }
    if (type.equals("DELETED")) {
      return;
    }
    Times t = pods.computeIfAbsent(key, k -> new Times());
    if (t.seen == 0) {
      t.seen = now;
    }
    if (t.bound == 0 && !object.path("spec").path("nodeName").asText("").isEmpty()) {
      t.bound = now;
      bound.incrementAndGet();
    }
    if (t.ready == 0 && runningAndReady) {
      t.ready = now;
      ready.incrementAndGet();
    }
    if (t.failed == 0 && object.path("status").path("phase").asText().equals("Failed")) {
      t.failed = now;
      if (t.ready == 0) {
        failedUnready.incrementAndGet();
      }
    }
    String mark = meta.path("annotations").path(MARK).asText("");
    if (!mark.isEmpty()) {
      marks.putIfAbsent(mark, now);
    }
  }

  /** Whether the object's Ready condition is True (a pod's or a node's). */
  static boolean readyCondition(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  @Override
  public void close() {
    closed = true;
    Stream<String> s = current;
    if (s != null) {
      s.close();
    }
    thread.interrupt();
  }
}
