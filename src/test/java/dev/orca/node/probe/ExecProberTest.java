package dev.orca.node.probe;

import static dev.orca.node.probe.ProbeFixtures.FAST;
import static dev.orca.node.probe.ProbeFixtures.await;
import static dev.orca.node.probe.ProbeFixtures.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exec probe with real processes. */
class ExecProberTest {

  private static ExecutorService executor;
  private static ExecProber prober;
  private static final ProbeTarget HERE = ProbeTarget.of("127.0.0.1");

  @BeforeAll
  static void start() {
    executor = Executors.newCachedThreadPool();
    prober = new ExecProber(FAST, executor);
  }

  @AfterAll
  static void stop() {
    executor.shutdownNow();
  }

  @Test
  void exitZeroSucceeds() throws Exception {
    assertEquals(ProbeResult.success(), await(prober.probe(exec("/bin/sh", "-c", "exit 0"), HERE)));
  }

  @Test
  void anotherExitFailsWithTheStatusWhenNothingWasPrinted() throws Exception {
    assertEquals(ProbeResult.failure("exit status 3"), await(prober.probe(exec("/bin/sh", "-c", "exit 3"), HERE)));
  }

  @Test
  void aFailureCarriesTheCommandsOutput() throws Exception {
    ProbeResult result = await(prober.probe(exec("/bin/sh", "-c", "echo not ready; echo disk full >&2; exit 1"),
        HERE));
    assertEquals(ProbeResult.failure("not ready\ndisk full"), result);
  }

  @Test
  void aCommandPastItsTimeoutIsKilledAndFails() throws Exception {
    long before = System.nanoTime();
    CompletionStage<ProbeResult> stage = prober.probe(exec("/bin/sh", "-c", "sleep 30"), HERE);
    long callMillis = (System.nanoTime() - before) / 1_000_000;
    assertFalse(stage.toCompletableFuture().isDone(), "the probe answered before its timeout");
    assertTrue(callMillis < FAST.seconds(1).toMillis(), "probe() blocked its caller for " + callMillis + " ms");

    ProbeResult result = await(stage);
    long tookMillis = (System.nanoTime() - before) / 1_000_000;
    assertEquals(ProbeResult.failure("command \"/bin/sh -c sleep 30\" timed out"), result);
    assertTrue(tookMillis < 5_000, "the timed-out probe took " + tookMillis + " ms");
  }

  @Test
  void theCommandRunsWithTheContainersEnvironmentAndDirectory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("marker"), "here");
    ProbeTarget target = new ProbeTarget("127.0.0.1", Map.of(), Map.of("GREETING", "hello from env"), dir.toString());
    ProbeResult result = await(prober.probe(exec("/bin/sh", "-c", "echo $GREETING; cat marker; exit 1"), target));
    assertEquals(ProbeResult.failure("hello from env\nhere"), result);
  }

  @Test
  void aCommandThatDoesNotExistFails() throws Exception {
    ProbeResult result = await(prober.probe(exec("/no/such/probe-command"), HERE));
    assertEquals(ProbeResult.Status.FAILURE, result.status());
    assertTrue(result.message().contains("/no/such/probe-command"), result.message());
  }
}
