package dev.orca.node.probe;

import dev.orca.model.Probe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The prober a node uses: runs a probe with the handler it names (exec, httpGet or tcpSocket). Owns
 * the threads the blocking parts run on (a connect, a process wait), daemon threads that end when
 * idle, so probing never takes an actor's dispatcher thread.
 */
public final class Probers implements Prober {

  private final ExecutorService executor;
  private final Prober http;
  private final Prober tcp;
  private final Prober exec;

  private Probers(ProbeTiming timing, ExecutorService executor) {
    this.executor = executor;
    this.http = new HttpGetProber(timing, executor);
    this.tcp = new TcpSocketProber(timing, executor);
    this.exec = new ExecProber(timing, executor);
  }

  /** Probers with probe seconds of {@code timing}; {@link ProbeTiming#REAL} outside tests. */
  public static Probers create(ProbeTiming timing) {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory threads = runnable -> {
      Thread thread = new Thread(runnable, "orca-probe-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    return new Probers(timing, Executors.newCachedThreadPool(threads));
  }

  @Override
  public CompletionStage<ProbeResult> probe(Probe probe, ProbeTarget target) {
    if (probe.exec() != null) {
      return exec.probe(probe, target);
    }
    if (probe.httpGet() != null) {
      return http.probe(probe, target);
    }
    if (probe.tcpSocket() != null) {
      return tcp.probe(probe, target);
    }
    return CompletableFuture.completedFuture(ProbeResult.unknown("missing probe handler"));
  }

  /** Stops the probe threads; probes already running finish. */
  public void shutdown() {
    executor.shutdown();
  }
}
