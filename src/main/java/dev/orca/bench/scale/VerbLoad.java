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
 * that succeeded, when it was answered (nanoTime) for whoever wants to follow its effect. At most
 * {@link #MAX_IN_FLIGHT} requests are out at once: a tick that finds them all out sends nothing and
 * counts as {@link #skipped()} — a server that has fallen that far behind is not helped by more
 * connections (an unbounded first version opened thousands and stalled the API phase).
 */
final class VerbLoad implements AutoCloseable {
  /** One answered request: its index, latency, and whether it succeeded (2xx). */
  record Outcome(int n, double millis, boolean ok, long answeredAt) {
    /** When the request was sent (nanoTime). */
    long sentAt() {
      return answeredAt - (long) (millis * 1e6);
    }
  }

  private final String verb;
  private final HttpClient http;
  private final IntFunction<HttpRequest> request;
  private final ScheduledExecutorService ticker;
  private final ConcurrentLinkedQueue<CompletableFuture<Outcome>> outcomes = new ConcurrentLinkedQueue<>();
  static final int MAX_IN_FLIGHT = 256;
  private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
  private final java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger();
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
    if (!inFlight.tryAcquire()) {
      skipped.incrementAndGet();
      return;
    }
    int n = sent++;
    long start = System.nanoTime();
    try {
      outcomes.add(http.sendAsync(request.apply(n), HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
        inFlight.release();
        long now = System.nanoTime();
        return new Outcome(n, (now - start) / 1e6, e == null && r.statusCode() / 100 == 2, now);
      }));
    } catch (RuntimeException e) {
      inFlight.release();
      outcomes.add(CompletableFuture.completedFuture(new Outcome(n, 0, false, start)));
    }
  }

  /** Ticks that sent nothing because {@link #MAX_IN_FLIGHT} requests were still out. */
  int skipped() {
    return skipped.get();
  }

  /** Stops sending and returns every outcome (those still out after {@code wait} count as failed, after wait). */
  List<Outcome> stop(Duration wait) {
    ticker.shutdownNow();
    List<CompletableFuture<Outcome>> pending = new ArrayList<>(outcomes);
    long deadline = System.nanoTime() + wait.toNanos();
    List<Outcome> out = new ArrayList<>();
    for (CompletableFuture<Outcome> f : pending) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        out.add(f.get(left, TimeUnit.NANOSECONDS));
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        out.add(new Outcome(-1, wait.toMillis(), false, System.nanoTime()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return out;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
