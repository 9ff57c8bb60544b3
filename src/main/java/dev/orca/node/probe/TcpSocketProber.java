package dev.orca.node.probe;

import dev.orca.model.Probe;
import dev.orca.model.TCPSocketAction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A tcpSocket probe, as kubelet runs it: success when a TCP connection to host:port (host defaults
 * to the pod IP) opens within the timeout, then closes it; otherwise Go's dial error, e.g.
 * {@code dial tcp 127.0.0.1:8080: connect: connection refused}. The connect runs on the given
 * executor, never on the caller's thread.
 */
public final class TcpSocketProber implements Prober {

  private final ProbeTiming timing;
  private final Executor executor;

  public TcpSocketProber(ProbeTiming timing, Executor executor) {
    this.timing = timing;
    this.executor = executor;
  }

  @Override
  public CompletionStage<ProbeResult> probe(Probe probe, ProbeTarget target) {
    TCPSocketAction action = probe.tcpSocket();
    Duration timeout = ProbeParameters.timeout(probe, timing);
    String host = target.hostOr(action.host());
    int port;
    try {
      port = target.resolvePort(action.port());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(ProbeResult.unknown(e.getMessage()));
    }
    if (host == null || host.isEmpty()) {
      return CompletableFuture.completedFuture(ProbeResult.unknown("no host to probe: the pod has no IP yet"));
    }
    try {
      return CompletableFuture.supplyAsync(() -> connect(host, port, timeout), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(ProbeResult.unknown("probe executor is shut down"));
    }
  }

  private static ProbeResult connect(String host, int port, Duration timeout) {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), millis);
      return ProbeResult.success();
    } catch (IOException e) {
      String dial = DialErrors.dial(host, port, e);
      return ProbeResult.failure(dial != null ? dial
          : "dial tcp " + DialErrors.hostPort(host, port) + ": " + e.getMessage());
    }
  }
}
