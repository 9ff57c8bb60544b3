package dev.orca.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/** A small Kubernetes API client over a bound port, for tests. */
final class ApiClient {
  record Response(int code, String body) {
    JsonNode json() {
      try {
        return Json.mapper().readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + code + "): " + body, e);
      }
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final String base;

  ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Response send(String method, String path, String body, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed", e);
    }
  }

  Response get(String path) {
    return send("GET", path, null, null);
  }

  Response post(String path, String json) {
    return send("POST", path, json, "application/json");
  }

  Response postYaml(String path, String yaml) {
    return send("POST", path, yaml, "application/yaml");
  }

  Response put(String path, String json) {
    return send("PUT", path, json, "application/json");
  }

  Response patch(String path, String contentType, String body) {
    return send("PATCH", path, body, contentType);
  }

  Response delete(String path, String json) {
    return send("DELETE", path, json, json == null ? null : "application/json");
  }

  /** GET, change, PUT — again on 409 Conflict, as a controller would; returns the final response. */
  Response update(String path, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
    Response last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      com.fasterxml.jackson.databind.node.ObjectNode object = (com.fasterxml.jackson.databind.node.ObjectNode) getJson(path);
      change.accept(object);
      last = put(path, object.toString());
      if (last.code() != 409) {
        return last;
      }
    }
    return last;
  }

  JsonNode getJsonAccept(String path, String accept) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET().build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body()).json();
    } catch (Exception e) {
      throw new AssertionError("GET " + path + " failed", e);
    }
  }

  JsonNode getJson(String path) {
    Response r = get(path);
    if (r.code() != 200) {
      throw new AssertionError("GET " + path + " -> " + r.code() + ": " + r.body());
    }
    return r.json();
  }

  /**
   * Opens a watch; its events arrive on the returned queue, one JSON object each, until closed.
   * The stream is read on a thread of its own, never on the caller's.
   */
  Watch watch(String path) {
    BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).build();
    java.util.concurrent.atomic.AtomicReference<java.io.InputStream> body = new java.util.concurrent.atomic.AtomicReference<>();
    Thread reader = new Thread(() -> {
      try {
        HttpResponse<java.io.InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        body.set(r.body());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = lines.readLine()) != null) {
            if (!line.isBlank()) {
              events.add(Json.mapper().readTree(line));
            }
          }
        }
      } catch (Exception ignored) {
        // the watch was closed
      }
    }, "test-watch");
    reader.setDaemon(true);
    reader.start();
    return new Watch(events, () -> {
      reader.interrupt();
      java.io.InputStream in = body.get();
      if (in != null) {
        try {
          in.close();
        } catch (java.io.IOException ignored) {
          // already closed
        }
      }
    });
  }

  record Watch(BlockingQueue<JsonNode> events, Runnable closer) implements AutoCloseable {
    @Override
    public void close() {
      closer.run();
    }
  }

  /** Waits for a condition, polling, until the deadline; fails with the description and the last value. */
  static <T> T await(String what, Duration deadline, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long end = System.nanoTime() + deadline.toNanos();
    T last = null;
    while (System.nanoTime() < end) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("timed out after " + deadline + " waiting for " + what + "; last seen: " + last);
  }

  static List<JsonNode> items(JsonNode list) {
    return java.util.stream.StreamSupport.stream(list.path("items").spliterator(), false).toList();
  }
}
