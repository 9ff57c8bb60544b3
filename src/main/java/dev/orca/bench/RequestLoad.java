package dev.orca.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A client that sends GET requests to one URL at a fixed rate and records each outcome. (A server
 * that answers HTTP/1.0 and closes, as python's http.server does, makes every request a new
 * connection, balanced anew by a proxy.) Requests do not wait for each
 * other: a slow answer does not lower the rate.
 */
public final class RequestLoad implements AutoCloseable {

  /** One request: when it was sent (seconds since start), how long it took, and its answer or failure. */
  public record Sample(double sentAt, double millis, int status, String body, String error) {
    public boolean ok() {
      return error == null && status == 200;
    }
  }

  private final URI uri;
  private final Duration timeout;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "request-load");
    t.setDaemon(true);
    return t;
  });
  private final ConcurrentLinkedQueue<CompletableFuture<Sample>> inFlight = new ConcurrentLinkedQueue<>();

  private final HttpClient client;

  private RequestLoad(URI uri, Duration timeout) {
    this.uri = uri;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** Starts sending {@code perSecond} requests a second to {@code uri}. */
  public static RequestLoad start(URI uri, int perSecond, Duration timeout) {
    RequestLoad load = new RequestLoad(uri, timeout);
    long period = 1_000_000_000L / perSecond;
    load.ticker.scheduleAtFixedRate(load::send, 0, period, TimeUnit.NANOSECONDS);
    return load;
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void send() {
    try {
      sendOne();
    } catch (RuntimeException e) {
      // a task that throws would stop the schedule: record the failure instead
      inFlight.add(CompletableFuture.completedFuture(new Sample(elapsedSeconds(), 0, 0, null, e.toString())));
    }
  }

  private void sendOne() {
    double sentAt = elapsedSeconds();
    long sent = System.nanoTime();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle((response, error) -> {
          double ms = (System.nanoTime() - sent) / 1e6;
          if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            return new Sample(sentAt, ms, 0, null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
          }
          return new Sample(sentAt, ms, response.statusCode(), response.body().trim(), null);
        }));
  }

  /** Stops sending, waits for the requests still out, and returns every outcome in the order sent. */
  public List<Sample> stop() {
    ticker.shutdownNow();
    List<Sample> samples = new ArrayList<>();
    for (CompletableFuture<Sample> f : inFlight) {
      samples.add(f.orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
          .exceptionally(e -> new Sample(-1, -1, 0, null, "no outcome: " + e)).join());
    }
    samples.sort((a, b) -> Double.compare(a.sentAt(), b.sentAt()));
    return samples;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
