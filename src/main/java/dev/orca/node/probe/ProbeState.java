package dev.orca.node.probe;

import dev.orca.node.probe.ProbeResult.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One probe of one container run, as kubelet's probe worker keeps it: pure threshold logic, no I/O
 * and no clock (every instant is passed in).
 *
 * <ul>
 *   <li>The first probe is due {@code initialDelay} after the container started, then one every
 *       {@code period}; a probe that finishes late skips the ticks it missed.
 *   <li>The result the container shows starts as success for liveness (a container is alive until
 *       proven otherwise), failure for readiness (not ready until a probe succeeds) and unknown for
 *       startup.
 *   <li>It changes only after {@code successThreshold} successes or {@code failureThreshold}
 *       failures in a row; an unknown result (the probe could not run) is thrown away and does not
 *       break a run.
 *   <li>Liveness or startup reaching its failure threshold asks for a restart and holds: no more
 *       probes for this container run. Startup reaching its success threshold marks the container
 *       started and stops.
 *   <li>When the container has a startup probe, liveness and readiness wait for it to succeed
 *       ({@link #startupSucceeded}) before they probe at all.
 * </ul>
 */
public final class ProbeState {

  /** Where the probe stands. */
  public enum Phase {
    /** Liveness or readiness waiting for the startup probe to succeed. */
    AWAITING_STARTUP,
    PROBING,
    /** Liveness or startup failed: the container is to be restarted; nothing more to probe. */
    ON_HOLD,
    /** Startup succeeded: nothing more to probe. */
    DONE
  }

  /** What a probe result means for the container. */
  public sealed interface Outcome {}

  /** Nothing changes. */
  public record None() implements Outcome {}

  /** Readiness changed; {@code message} is the failure that made it false, empty when it turned true. */
  public record Ready(boolean ready, String message) implements Outcome {}

  /** The startup probe succeeded: the container counts as started, liveness and readiness may begin. */
  public record Started() implements Outcome {}

  /** Liveness or startup failed: restart the container. As kube: {@code Liveness probe failed: ...}. */
  public record Restart(String message) implements Outcome {}

  public static final Outcome NONE = new None();

  /**
   * The state after a probe result.
   *
   * @param unhealthy the message of the warning this result is worth on its own, whatever the
   *     thresholds say (kube's Unhealthy event): {@code Readiness probe failed: ...} or
   *     {@code ... probe errored: ...}
   */
  public record Transition(ProbeState state, Outcome outcome, Optional<String> unhealthy) {}

  private final ProbeKind kind;
  private final ProbeParameters parameters;
  private final Instant containerStartedAt;
  private final Phase phase;
  private final Status reported;
  private final Status lastResult;
  private final int run;
  private final Instant nextProbeAt;

  private ProbeState(ProbeKind kind, ProbeParameters parameters, Instant containerStartedAt, Phase phase,
      Status reported, Status lastResult, int run, Instant nextProbeAt) {
    this.kind = kind;
    this.parameters = parameters;
    this.containerStartedAt = containerStartedAt;
    this.phase = phase;
    this.reported = reported;
    this.lastResult = lastResult;
    this.run = run;
    this.nextProbeAt = nextProbeAt;
  }

  /**
   * The state of a probe for a container that started at {@code containerStartedAt}.
   *
   * @param awaitsStartup the container has a startup probe: liveness and readiness wait for it
   *     (ignored for the startup probe itself)
   */
  public static ProbeState initial(ProbeKind kind, ProbeParameters parameters, Instant containerStartedAt,
      boolean awaitsStartup) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(containerStartedAt, "containerStartedAt");
    Status initial = kind == ProbeKind.LIVENESS ? Status.SUCCESS
        : kind == ProbeKind.READINESS ? Status.FAILURE : Status.UNKNOWN;
    boolean gated = awaitsStartup && kind != ProbeKind.STARTUP;
    return new ProbeState(kind, parameters, containerStartedAt, gated ? Phase.AWAITING_STARTUP : Phase.PROBING,
        initial, null, 0, gated ? null : containerStartedAt.plus(parameters.initialDelay()));
  }

  public ProbeKind kind() {
    return kind;
  }

  public ProbeParameters parameters() {
    return parameters;
  }

  public Phase phase() {
    return phase;
  }

  /** The result the container shows now (what the thresholds let through). */
  public Status reported() {
    return reported;
  }

  /** For readiness: whether the container is ready. */
  public boolean ready() {
    return reported == Status.SUCCESS;
  }

  /** How many results in a row were the same as the last one. */
  public int consecutive() {
    return run;
  }

  /** When the next probe is due; empty while waiting for startup, on hold, or done. */
  public Optional<Instant> nextProbeAt() {
    return Optional.ofNullable(nextProbeAt);
  }

  /** The startup probe succeeded: liveness and readiness begin, once their initial delay is over. */
  public ProbeState startupSucceeded(Instant now) {
    if (phase != Phase.AWAITING_STARTUP) {
      return this;
    }
    Instant delayed = containerStartedAt.plus(parameters.initialDelay());
    return new ProbeState(kind, parameters, containerStartedAt, Phase.PROBING, reported, lastResult, run,
        delayed.isAfter(now) ? delayed : now);
  }

  /** Applies the result of the probe that was due at {@link #nextProbeAt()} and finished at {@code now}. */
  public Transition next(ProbeResult result, Instant now) {
    if (phase != Phase.PROBING) {
      return new Transition(this, NONE, Optional.empty());
    }
    Instant following = following(now);
    Status status = result.status();
    if (status == Status.UNKNOWN) {
      return new Transition(probing(reported, lastResult, run, following), NONE,
          Optional.of(kind.label() + " probe errored: " + result.message()));
    }
    int count = status == lastResult ? run + 1 : 1;
    String failure = kind.label() + " probe failed: " + result.message();
    Optional<String> unhealthy = status == Status.FAILURE ? Optional.of(failure) : Optional.empty();
    boolean belowThreshold = status == Status.FAILURE
        ? count < parameters.failureThreshold()
        : count < parameters.successThreshold();
    if (belowThreshold) {
      return new Transition(probing(reported, status, count, following), NONE, unhealthy);
    }
    if (status == Status.FAILURE && kind != ProbeKind.READINESS) {
      ProbeState held = new ProbeState(kind, parameters, containerStartedAt, Phase.ON_HOLD, Status.FAILURE, status,
          0, null);
      return new Transition(held, new Restart(failure), unhealthy);
    }
    if (status == Status.SUCCESS && kind == ProbeKind.STARTUP) {
      ProbeState done = new ProbeState(kind, parameters, containerStartedAt, Phase.DONE, Status.SUCCESS, status,
          count, null);
      return new Transition(done, new Started(), unhealthy);
    }
    Outcome outcome = kind == ProbeKind.READINESS && status != reported
        ? new Ready(status == Status.SUCCESS, status == Status.SUCCESS ? "" : result.message())
        : NONE;
    return new Transition(probing(status, status, count, following), outcome, unhealthy);
  }

  private ProbeState probing(Status reported, Status lastResult, int run, Instant nextProbeAt) {
    return new ProbeState(kind, parameters, containerStartedAt, Phase.PROBING, reported, lastResult, run, nextProbeAt);
  }

  /** The first tick after the one just probed that is not already past, as a ticker drops missed ticks. */
  private Instant following(Instant now) {
    Instant scheduled = nextProbeAt;
    Duration period = parameters.period();
    Instant next = scheduled.plus(period);
    if (next.isBefore(now)) {
      long behind = Duration.between(scheduled, now).toNanos();
      long periods = (behind + period.toNanos() - 1) / period.toNanos();
      next = scheduled.plus(period.multipliedBy(periods));
    }
    return next;
  }

  @Override
  public String toString() {
    return "ProbeState[" + kind + " " + phase + ", reported " + reported + ", " + run + "x " + lastResult
        + ", next " + nextProbeAt + "]";
  }
}
