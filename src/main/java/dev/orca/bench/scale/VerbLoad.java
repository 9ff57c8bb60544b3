package dev.orca.bench.scale;

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
import java.util.function.IntFunction;

/**
 * One API verb sent at a fixed rate, open loop (a slow answer does not lower the rate): the
 * {@code n}-th request from {@code request}, each answer's latency kept, and, for each request
 * that succeeded, when it was answered (nanoTime) for whoever wants to follow its effect.
 */
final class VerbLoad implements AutoCloseable {
  /** One answered request: its index, latency, and whether it succeeded (2xx). */
  record Outcome(int n, double millis, boolean ok, long answeredAt) {}

  private final String verb;
  private final HttpClient http;
  private final IntFunction<HttpRequest> request;
  private final ScheduledExecutorService ticker;
  private final ConcurrentLinkedQueue<CompletableFuture<Outcome>> outcomes = new ConcurrentLinkedQueue<>();
  private int sent;

  private VerbLoad(String verb, HttpClient http, IntFunction<HttpRequest> request) {
    this.verb = verb;
    this.http = http;
    this.request = request;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "scale-" + verb);
      t.setDaemon(true);
      return t;
    });
  }

  static VerbLoad start(String verb, HttpClient http, int perSecond, IntFunction<HttpRequest> request) {
    VerbLoad load = new VerbLoad(verb, http, request);
    load.ticker.scheduleAtFixedRate(load::sendOne, 0, 1_000_000_000L / Math.max(1, perSecond), TimeUnit.NANOSECONDS);
    return load;
  }

  String verb() {
    return verb;
  }

  private void sendOne() {
    int n = sent++;
    long start = System.nanoTime();
    try {
      outcomes.add(http.sendAsync(request.apply(n), HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
        long now = System.nanoTime();
        return new Outcome(n, (now - start) / 1e6, e == null && r.statusCode() / 100 == 2, now);
      }));
    } catch (RuntimeException e) {
      outcomes.add(CompletableFuture.completedFuture(new Outcome(n, 0, false, start)));
    }
  }

  /** Stops sending and returns every outcome (waiting up to {@code wait} for those still out). */
  List<Outcome> stop(Duration wait) {
    ticker.shutdownNow();
    List<Outcome> out = new ArrayList<>();
    for (CompletableFuture<Outcome> f : outcomes) {
      out.add(f.completeOnTimeout(new Outcome(-1, wait.toMillis(), false, System.nanoTime()), wait.toMillis(),
          TimeUnit.MILLISECONDS).join());
    }
    return out;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
