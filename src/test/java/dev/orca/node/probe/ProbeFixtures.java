package dev.orca.node.probe;

import dev.orca.model.ExecAction;
import dev.orca.model.HTTPGetAction;
import dev.orca.model.IntOrString;
import dev.orca.model.Probe;
import dev.orca.model.TCPSocketAction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Probes as a pod spec would hold them, and a bounded wait for a prober's answer. */
final class ProbeFixtures {

  /** One probe second lasts 500 ms here: a timeout of one such second must fit a cold JVM's first request. */
  static final ProbeTiming FAST = ProbeTiming.scaled(Duration.ofMillis(500));

  private ProbeFixtures() {}

  static Probe httpGet(String path, IntOrString port) {
    return new Probe(null, new HTTPGetAction(path, port, null, "HTTP"), null, null, null, 1, null, null);
  }

  static Probe tcpSocket(IntOrString port) {
    return new Probe(null, null, new TCPSocketAction(port, null), null, null, 1, null, null);
  }

  static Probe exec(String... command) {
    return new Probe(new ExecAction(List.of(command)), null, null, null, null, 1, null, null);
  }

  static ProbeResult await(CompletionStage<ProbeResult> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
