package dev.orca.node.probe;

import static dev.orca.node.probe.ProbeFixtures.FAST;
import static dev.orca.node.probe.ProbeFixtures.await;
import static dev.orca.node.probe.ProbeFixtures.httpGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.IntOrString;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The httpGet probe against a real server on 127.0.0.1. */
class HttpGetProberTest {

  private static HealthServer server;
  private static ExecutorService executor;
  private static HttpGetProber prober;
  private static ProbeTarget target;

  @BeforeAll
  static void start() throws Exception {
    server = new HealthServer();
    executor = Executors.newCachedThreadPool();
    prober = new HttpGetProber(FAST, executor);
    target = new ProbeTarget("127.0.0.1", Map.of("http", server.port()), Map.of(), null);
  }

  @AfterAll
  static void stop() {
    server.close();
    executor.shutdownNow();
  }

  @Test
  void aHealthyEndpointSucceeds() throws Exception {
    server.respond("/healthz", 200);
    ProbeResult result = await(prober.probe(httpGet("/healthz", IntOrString.of(server.port())), target));
    assertEquals(ProbeResult.Status.SUCCESS, result.status(), result::message);
  }

  @Test
  void aServerErrorFailsWithItsStatusCode() throws Exception {
    server.respond("/broken", 500);
    ProbeResult result = await(prober.probe(httpGet("/broken", IntOrString.of(server.port())), target));
    assertEquals(ProbeResult.failure("HTTP probe failed with statuscode: 500"), result);
  }

  @Test
  void aClientErrorFails() throws Exception {
    server.respond("/missing", 404);
    ProbeResult result = await(prober.probe(httpGet("/missing", IntOrString.of(server.port())), target));
    assertEquals(ProbeResult.failure("HTTP probe failed with statuscode: 404"), result);
  }

  @Test
  void aRedirectCountsAsSuccessWithoutBeingFollowed() throws Exception {
    server.respond("/moved", 302);
    ProbeResult result = await(prober.probe(httpGet("/moved", IntOrString.of(server.port())), target));
    assertEquals(ProbeResult.Status.SUCCESS, result.status(), result::message);
  }

  @Test
  void aServerSlowerThanTheTimeoutFailsWithoutBlockingTheCaller() throws Exception {
    server.respond("/slow", HealthServer.STALL);
    long before = System.nanoTime();
    CompletionStage<ProbeResult> stage = prober.probe(httpGet("/slow", IntOrString.of(server.port())), target);
    long callMillis = (System.nanoTime() - before) / 1_000_000;
    assertFalse(stage.toCompletableFuture().isDone(), "the probe answered before its timeout");
    assertTrue(callMillis < FAST.seconds(1).toMillis(), "probe() blocked its caller for " + callMillis + " ms");

    ProbeResult result = await(stage);
    assertEquals(ProbeResult.failure("Get \"http://127.0.0.1:" + server.port()
        + "/slow\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"), result);
  }

  @Test
  void aClosedPortFailsWithConnectionRefused() throws Exception {
    int port = Ports.closed();
    ProbeResult result = await(prober.probe(httpGet("/healthz", IntOrString.of(port)), target));
    assertEquals(ProbeResult.failure("Get \"http://127.0.0.1:" + port + "/healthz\": dial tcp 127.0.0.1:" + port
        + ": connect: connection refused"), result);
  }

  @Test
  void aNamedPortResolvesThroughTheContainersPorts() throws Exception {
    server.respond("/named", 200);
    ProbeResult result = await(prober.probe(httpGet("/named", IntOrString.of("http")), target));
    assertEquals(ProbeResult.Status.SUCCESS, result.status(), result::message);
    assertEquals(1, server.hits("/named"));
  }

  @Test
  void anUnknownPortNameCannotBeProbed() throws Exception {
    ProbeResult result = await(prober.probe(httpGet("/healthz", IntOrString.of("admin")), target));
    assertEquals(ProbeResult.unknown("port admin not found"), result);
  }

  @Test
  void thePathKeepsItsQuery() throws Exception {
    server.respond("/check", 200);
    ProbeResult result = await(prober.probe(httpGet("/check?deep=1", IntOrString.of(server.port())), target));
    assertEquals(ProbeResult.Status.SUCCESS, result.status(), result::message);
    assertEquals(1, server.hits("/check"));
  }
}
