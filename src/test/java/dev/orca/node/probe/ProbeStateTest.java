package dev.orca.node.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.Probe;
import dev.orca.model.TCPSocketAction;
import dev.orca.node.probe.ProbeResult.Status;
import dev.orca.node.probe.ProbeState.Phase;
import dev.orca.node.probe.ProbeState.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubelet's probe rules, with instants passed in: no clock, no I/O. */
class ProbeStateTest {

  private static final Instant STARTED = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration PERIOD = Duration.ofSeconds(10);

  private static ProbeParameters parameters(int successThreshold, int failureThreshold) {
    return new ProbeParameters(Duration.ZERO, PERIOD, Duration.ofSeconds(1), successThreshold, failureThreshold);
  }

  private static ProbeResult result(String token) {
    switch (token) {
      case "S":
        return ProbeResult.success();
      case "F":
        return ProbeResult.failure("HTTP probe failed with statuscode: 500");
      case "U":
        return ProbeResult.unknown("port admin not found");
      default:
        throw new IllegalArgumentException(token);
    }
  }

  private static String token(ProbeState.Outcome outcome) {
    if (outcome instanceof ProbeState.Ready ready) {
      return ready.ready() ? "ready" : "unready";
    }
    if (outcome instanceof ProbeState.Restart) {
      return "restart";
    }
    if (outcome instanceof ProbeState.Started) {
      return "started";
    }
    return "-";
  }

  /**
   * Each row: a probe kind with its thresholds, the results of successive probes (S success, F
   * failure, U unknown), and what each result means for the container.
   */
  static Stream<Arguments> thresholdRules() {
    return Stream.of(
        row("readiness: not ready until the first success", ProbeKind.READINESS, 1, 3, "S", "ready"),
        row("readiness: failures while not ready change nothing", ProbeKind.READINESS, 1, 3, "F F F", "- - -"),
        row("readiness: unready after failureThreshold failures in a row", ProbeKind.READINESS, 1, 3,
            "S F F F", "ready - - unready"),
        row("readiness: a success breaks a run of failures", ProbeKind.READINESS, 1, 3,
            "S F F S F F F", "ready - - - - - unready"),
        row("readiness: ready after successThreshold successes in a row", ProbeKind.READINESS, 2, 3,
            "S S", "- ready"),
        row("readiness: a failure breaks a run of successes", ProbeKind.READINESS, 2, 3,
            "S F S S", "- - - ready"),
        row("readiness: back to ready only after successThreshold successes", ProbeKind.READINESS, 2, 1,
            "S S F S S", "- ready unready - ready"),
        row("readiness: a change is reported once", ProbeKind.READINESS, 1, 3, "S S S", "ready - -"),
        row("readiness: thresholds of one follow every result", ProbeKind.READINESS, 1, 1,
            "S F S F", "ready unready ready unready"),
        row("readiness: unknown results are thrown away", ProbeKind.READINESS, 1, 3, "U U U", "- - -"),
        row("readiness: an unknown result neither counts nor breaks a run", ProbeKind.READINESS, 1, 3,
            "S U F F U F", "ready - - - - unready"),
        row("liveness: alive until proven otherwise", ProbeKind.LIVENESS, 1, 3, "S S S", "- - -"),
        row("liveness: restart after failureThreshold failures in a row", ProbeKind.LIVENESS, 1, 3,
            "F F F", "- - restart"),
        row("liveness: a success breaks a run of failures", ProbeKind.LIVENESS, 1, 3,
            "F F S F F", "- - - - -"),
        row("liveness: a failure threshold of one restarts at once", ProbeKind.LIVENESS, 1, 1, "F", "restart"),
        row("liveness: on hold after asking for a restart", ProbeKind.LIVENESS, 1, 3,
            "F F F F F F S", "- - restart - - - -"),
        row("liveness: an unknown result neither counts nor breaks a run", ProbeKind.LIVENESS, 1, 3,
            "F F U F", "- - - restart"),
        row("startup: started at the first success", ProbeKind.STARTUP, 1, 3, "F F S", "- - started"),
        row("startup: restart after failureThreshold failures in a row", ProbeKind.STARTUP, 1, 3,
            "F F F", "- - restart"),
        row("startup: done once started", ProbeKind.STARTUP, 1, 3, "S F F F", "started - - -"),
        row("startup: unknown results are thrown away", ProbeKind.STARTUP, 1, 2, "U U F U F", "- - - - restart"));
  }

  private static Arguments row(String rule, ProbeKind kind, int successThreshold, int failureThreshold,
      String results, String outcomes) {
    return Arguments.of(rule, kind, successThreshold, failureThreshold, results, outcomes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("thresholdRules")
  void thresholdRule(String rule, ProbeKind kind, int successThreshold, int failureThreshold, String results,
      String outcomes) {
    ProbeState state = ProbeState.initial(kind, parameters(successThreshold, failureThreshold), STARTED, false);
    Instant now = STARTED;
    List<String> observed = new ArrayList<>();
    for (String token : results.split(" ")) {
      now = state.nextProbeAt().orElse(now.plus(PERIOD));
      Transition transition = state.next(result(token), now);
      state = transition.state();
      observed.add(token(transition.outcome()));
    }
    assertEquals(outcomes, String.join(" ", observed), rule);
  }

  @Test
  void eachKindStartsFromKubeletsInitialResult() {
    ProbeState liveness = ProbeState.initial(ProbeKind.LIVENESS, parameters(1, 3), STARTED, false);
    ProbeState readiness = ProbeState.initial(ProbeKind.READINESS, parameters(1, 3), STARTED, false);
    ProbeState startup = ProbeState.initial(ProbeKind.STARTUP, parameters(1, 3), STARTED, false);
    assertEquals(Status.SUCCESS, liveness.reported());
    assertEquals(Status.FAILURE, readiness.reported());
    assertFalse(readiness.ready());
    assertEquals(Status.UNKNOWN, startup.reported());
  }

  @Test
  void unsetOrZeroFieldsTakeKubernetesDefaults() {
    ProbeParameters unset = ProbeParameters.of(tcp(null, null, null, null, null), ProbeTiming.REAL);
    assertEquals(new ProbeParameters(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3), unset);
    ProbeParameters zero = ProbeParameters.of(tcp(0, 0, 0, 0, 0), ProbeTiming.REAL);
    assertEquals(unset, zero);
    ProbeParameters set = ProbeParameters.of(tcp(5, 2, 3, 2, 4), ProbeTiming.REAL);
    assertEquals(new ProbeParameters(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(3), 2, 4), set);
  }

  @Test
  void timingScalesProbeSeconds() {
    ProbeParameters scaled = ProbeParameters.of(tcp(5, 2, 3, 2, 4), ProbeTiming.scaled(Duration.ofMillis(100)));
    assertEquals(new ProbeParameters(Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofMillis(300), 2, 4),
        scaled);
  }

  @Test
  void theFirstProbeIsDueAfterTheInitialDelayThenEveryPeriod() {
    ProbeParameters delayed = new ProbeParameters(Duration.ofSeconds(15), PERIOD, Duration.ofSeconds(1), 1, 3);
    ProbeState state = ProbeState.initial(ProbeKind.LIVENESS, delayed, STARTED, false);
    assertEquals(Optional.of(STARTED.plusSeconds(15)), state.nextProbeAt());

    // a probe that took 300 ms does not shift the schedule
    state = state.next(ProbeResult.success(), STARTED.plusSeconds(15).plusMillis(300)).state();
    assertEquals(Optional.of(STARTED.plusSeconds(25)), state.nextProbeAt());
    state = state.next(ProbeResult.success(), STARTED.plusSeconds(25)).state();
    assertEquals(Optional.of(STARTED.plusSeconds(35)), state.nextProbeAt());
  }

  @Test
  void aProbeThatFinishesLateSkipsTheTicksItMissed() {
    ProbeState state = ProbeState.initial(ProbeKind.READINESS, parameters(1, 3), STARTED, false);
    state = state.next(ProbeResult.success(), STARTED.plusSeconds(25)).state();
    assertEquals(Optional.of(STARTED.plusSeconds(30)), state.nextProbeAt());
    state = state.next(ProbeResult.success(), STARTED.plusSeconds(50)).state();
    assertEquals(Optional.of(STARTED.plusSeconds(50)), state.nextProbeAt());
  }

  @Test
  void aRestartHoldsTheProbeAndAStartedStartupProbeStops() {
    ProbeState liveness = ProbeState.initial(ProbeKind.LIVENESS, parameters(1, 1), STARTED, false);
    Transition failed = liveness.next(ProbeResult.failure("dial tcp 127.0.0.1:8080: connect: connection refused"),
        STARTED);
    assertEquals(new ProbeState.Restart("Liveness probe failed: dial tcp 127.0.0.1:8080: connect: connection refused"),
        failed.outcome());
    assertEquals(Phase.ON_HOLD, failed.state().phase());
    assertEquals(Optional.empty(), failed.state().nextProbeAt());

    ProbeState startup = ProbeState.initial(ProbeKind.STARTUP, parameters(1, 3), STARTED, false);
    Transition started = startup.next(ProbeResult.success(), STARTED);
    assertEquals(new ProbeState.Started(), started.outcome());
    assertEquals(Phase.DONE, started.state().phase());
    assertEquals(Optional.empty(), started.state().nextProbeAt());
  }

  @Test
  void restartAndUnhealthyMessagesReadAsKubernetesWritesThem() {
    ProbeState liveness = ProbeState.initial(ProbeKind.LIVENESS, parameters(1, 2), STARTED, false);
    Transition first = liveness.next(ProbeResult.failure("HTTP probe failed with statuscode: 500"), STARTED);
    assertEquals(Optional.of("Liveness probe failed: HTTP probe failed with statuscode: 500"), first.unhealthy());
    assertEquals(ProbeState.NONE, first.outcome());
    Transition second = first.state().next(ProbeResult.failure("HTTP probe failed with statuscode: 500"),
        STARTED.plus(PERIOD));
    assertEquals(new ProbeState.Restart("Liveness probe failed: HTTP probe failed with statuscode: 500"),
        second.outcome());
    assertEquals(Optional.of("Liveness probe failed: HTTP probe failed with statuscode: 500"), second.unhealthy());

    ProbeState startup = ProbeState.initial(ProbeKind.STARTUP, parameters(1, 1), STARTED, false);
    assertEquals(new ProbeState.Restart("Startup probe failed: command \"cat /tmp/ready\" timed out"),
        startup.next(ProbeResult.failure("command \"cat /tmp/ready\" timed out"), STARTED).outcome());

    ProbeState readiness = ProbeState.initial(ProbeKind.READINESS, parameters(1, 1), STARTED, false);
    Transition ready = readiness.next(ProbeResult.success(), STARTED);
    assertEquals(new ProbeState.Ready(true, ""), ready.outcome());
    assertEquals(Optional.empty(), ready.unhealthy());
    Transition unready = ready.state().next(ProbeResult.failure("HTTP probe failed with statuscode: 503"),
        STARTED.plus(PERIOD));
    assertEquals(new ProbeState.Ready(false, "HTTP probe failed with statuscode: 503"), unready.outcome());
    assertEquals(Optional.of("Readiness probe failed: HTTP probe failed with statuscode: 503"), unready.unhealthy());
    Transition errored = unready.state().next(ProbeResult.unknown("port admin not found"), STARTED.plus(PERIOD));
    assertEquals(Optional.of("Readiness probe errored: port admin not found"), errored.unhealthy());
    assertEquals(ProbeState.NONE, errored.outcome());
  }

  @Test
  void livenessAndReadinessWaitForTheStartupProbe() {
    for (ProbeKind kind : List.of(ProbeKind.LIVENESS, ProbeKind.READINESS)) {
      ProbeState gated = ProbeState.initial(kind, parameters(1, 1), STARTED, true);
      assertEquals(Phase.AWAITING_STARTUP, gated.phase(), kind.name());
      assertEquals(Optional.empty(), gated.nextProbeAt(), kind.name());
      // a result that arrives anyway changes nothing
      Transition ignored = gated.next(ProbeResult.failure("HTTP probe failed with statuscode: 500"), STARTED);
      assertEquals(ProbeState.NONE, ignored.outcome(), kind.name());
      assertEquals(Phase.AWAITING_STARTUP, ignored.state().phase(), kind.name());

      ProbeState begun = gated.startupSucceeded(STARTED.plusSeconds(42));
      assertEquals(Phase.PROBING, begun.phase(), kind.name());
      assertEquals(Optional.of(STARTED.plusSeconds(42)), begun.nextProbeAt(), kind.name());
    }
    ProbeState readiness = ProbeState.initial(ProbeKind.READINESS, parameters(1, 1), STARTED, true);
    assertFalse(readiness.ready(), "not ready while the container has not started");
  }

  @Test
  void theInitialDelayCountsFromTheContainerStartEvenBehindAStartupProbe() {
    ProbeParameters delayed = new ProbeParameters(Duration.ofSeconds(30), PERIOD, Duration.ofSeconds(1), 1, 3);
    ProbeState gated = ProbeState.initial(ProbeKind.READINESS, delayed, STARTED, true);
    assertEquals(Optional.of(STARTED.plusSeconds(30)), gated.startupSucceeded(STARTED.plusSeconds(12)).nextProbeAt());
    assertEquals(Optional.of(STARTED.plusSeconds(31)), gated.startupSucceeded(STARTED.plusSeconds(31)).nextProbeAt());
  }

  @Test
  void theStartupProbeItselfNeverWaits() {
    ProbeState startup = ProbeState.initial(ProbeKind.STARTUP, parameters(1, 3), STARTED, true);
    assertEquals(Phase.PROBING, startup.phase());
    assertEquals(Optional.of(STARTED), startup.nextProbeAt());
    assertTrue(startup.startupSucceeded(STARTED) == startup, "startupSucceeded is only for the other probes");
  }

  private static Probe tcp(Integer initialDelay, Integer period, Integer timeout, Integer success, Integer failure) {
    return new Probe(null, null, new TCPSocketAction(dev.orca.model.IntOrString.of(8080), null), initialDelay, period,
        timeout, success, failure);
  }
}
