package dev.orca.node.probe;

import static dev.orca.node.probe.ProbeFixtures.FAST;
import static dev.orca.node.probe.ProbeFixtures.await;
import static dev.orca.node.probe.ProbeFixtures.tcpSocket;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orca.model.IntOrString;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tcpSocket probe against real ports on 127.0.0.1. */
class TcpSocketProberTest {

  private static ExecutorService executor;
  private static TcpSocketProber prober;

  @BeforeAll
  static void start() {
    executor = Executors.newCachedThreadPool();
    prober = new TcpSocketProber(FAST, executor);
  }

  @AfterAll
  static void stop() {
    executor.shutdownNow();
  }

  @Test
  void anOpenPortSucceeds() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      ProbeResult result = await(prober.probe(tcpSocket(IntOrString.of(listening.getLocalPort())),
          ProbeTarget.of("127.0.0.1")));
      assertEquals(ProbeResult.success(), result);
    }
  }

  @Test
  void aClosedPortFailsWithConnectionRefused() throws Exception {
    int port = Ports.closed();
    ProbeResult result = await(prober.probe(tcpSocket(IntOrString.of(port)), ProbeTarget.of("127.0.0.1")));
    assertEquals(ProbeResult.failure("dial tcp 127.0.0.1:" + port + ": connect: connection refused"), result);
  }

  @Test
  void aNamedPortResolvesThroughTheContainersPorts() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      ProbeTarget target = new ProbeTarget("127.0.0.1", Map.of("db", listening.getLocalPort()), Map.of(), null);
      assertEquals(ProbeResult.success(), await(prober.probe(tcpSocket(IntOrString.of("db")), target)));
      assertEquals(ProbeResult.unknown("port cache not found"),
          await(prober.probe(tcpSocket(IntOrString.of("cache")), target)));
    }
  }
}
