package dev.orca.bench.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Creates bare Pods {@code prefix-0 … prefix-(count-1)} through the API, spread round-robin over
 * the benchmark's namespaces and over the API members, at {@code rate} a second (0: as fast as
 * {@code concurrency} requests in flight allow), and keeps when each was sent and acknowledged.
 * A rate the API cannot take shows as sends that fell behind schedule ({@link #behindMillis()}).
 */
final class PodCreator {
  static final int NAMESPACES = 10;

  private final java.util.List<String> apis;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String prefix;
  private final long[] sent;
  private final long[] acked;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private volatile long behindNanos;

  PodCreator(java.util.List<String> apis, String prefix, int count) {
    this.apis = apis;
    this.prefix = prefix;
    this.sent = new long[count];
    this.acked = new long[count];
  }

  static String namespace(int i) {
    return "scale-" + (i % NAMESPACES);
  }

  String key(int i) {
    return namespace(i) + "/" + prefix + "-" + i;
  }

  static String manifest(String name, String namespace) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace
        + "\",\"labels\":{\"app\":\"scale\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"registry.k8s.io/pause:3.9\","
        + "\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"16Mi\"}}}],"
        + "\"tolerations\":[{\"key\":\"orca.dev/simulated\",\"operator\":\"Exists\"}]}}";
  }

  /** Sends them all (blocking until the last is answered or {@code timeout} passed). */
  void run(int rate, int concurrency, Duration timeout) throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    long interval = rate > 0 ? 1_000_000_000L / rate : 0;
    long start = System.nanoTime();
    for (int i = 0; i < sent.length; i++) {
      if (interval > 0) {
        long due = start + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait); // the creation rate
        }
      }
      if (!inFlight.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("no answer to " + concurrency + " creates within " + timeout);
      }
      if (interval > 0) {
        behindNanos = Math.max(behindNanos, System.nanoTime() - (start + i * interval));
      }
      send(i, inFlight);
    }
    if (!inFlight.tryAcquire(concurrency, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("creates still unanswered after " + timeout);
    }
  }

  private void send(int i, Semaphore inFlight) {
    String ns = namespace(i);
    String api = apis.get(i % apis.size());
    HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/v1/namespaces/" + ns + "/pods"))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(manifest(prefix + "-" + i, ns))).build();
    sent[i] = System.nanoTime();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
      acked[i] = System.nanoTime();
      if (e != null || r.statusCode() != 201) {
        failed.incrementAndGet();
        firstError.compareAndSet(null, e != null ? e.toString() : r.statusCode() + " " + r.body());
      }
      done.incrementAndGet();
      inFlight.release();
    });
  }

  long sentAt(int i) {
    return sent[i];
  }

  long ackedAt(int i) {
    return acked[i];
  }

  int count() {
    return sent.length;
  }

  int done() {
    return done.get();
  }

  int failed() {
    return failed.get();
  }

  String firstError() {
    return firstError.get();
  }

  double behindMillis() {
    return behindNanos / 1e6;
  }
}
