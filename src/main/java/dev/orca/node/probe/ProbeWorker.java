package dev.orca.node.probe;

import dev.orca.model.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.DeadLetterSuppression;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Probes one container run with one of its probes (liveness, readiness or startup): runs the
 * prober when {@link ProbeState} says a probe is due, one at a time and never blocking, and tells
 * its parent what the results mean ({@link Report}). Its parent starts one per probe kind when the
 * container starts and stops them when the container ends; a restarted container gets new workers.
 * After asking for a restart, or once startup succeeded, the worker stays idle until stopped.
 */
public final class ProbeWorker extends AbstractBehavior<ProbeWorker.Command> {

  public sealed interface Command {}

  /** The container's startup probe succeeded: a liveness or readiness worker that waited for it begins. */
  public record BeginProbing() implements Command {}

  /** Stop probing. */
  public record Stop() implements Command {}

  private record Tick() implements Command {}

  /** A result that arrives after the worker stopped is of no interest to anyone. */
  private record Probed(ProbeResult result) implements Command, DeadLetterSuppression {}

  /** What the worker tells its parent. */
  public sealed interface Report {
    String container();

    ProbeKind kind();
  }

  /** Readiness changed; {@code message} is the probe failure that made it false, empty when true. */
  public record ReadinessChanged(String container, boolean ready, String message) implements Report {
    @Override
    public ProbeKind kind() {
      return ProbeKind.READINESS;
    }
  }

  /** The startup probe succeeded: the container counts as started; tell its other workers {@link BeginProbing}. */
  public record StartupSucceeded(String container) implements Report {
    @Override
    public ProbeKind kind() {
      return ProbeKind.STARTUP;
    }
  }

  /**
   * The liveness or startup probe failed {@code failureThreshold} times in a row: restart the
   * container. {@code message} as kube's: {@code Liveness probe failed: HTTP probe failed with
   * statuscode: 500}.
   */
  public record RestartRequired(String container, ProbeKind kind, String message) implements Report {}

  /**
   * One probe failed or could not run, whatever the thresholds make of it (kube's Unhealthy
   * warning): {@code Readiness probe failed: ...} or {@code Readiness probe errored: ...}.
   */
  public record ProbeFailed(String container, ProbeKind kind, String message) implements Report {}

  /**
   * What to probe.
   *
   * @param container the container's name, repeated in every report
   * @param awaitsStartup the container has a startup probe that has not succeeded yet: a liveness
   *     or readiness worker waits for {@link BeginProbing}
   */
  public record Spec(String container, ProbeKind kind, Probe probe, ProbeTarget target, Instant containerStartedAt,
      boolean awaitsStartup) {
    public Spec {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(probe, "probe");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(containerStartedAt, "containerStartedAt");
    }
  }

  private static final Object TICK = "tick";

  private final Spec spec;
  private final Prober prober;
  private final TimerScheduler<Command> timers;
  private final ActorRef<Report> replyTo;
  private final Duration guard;
  private ProbeState state;
  private boolean probing;

  private ProbeWorker(ActorContext<Command> context, TimerScheduler<Command> timers, Spec spec, Prober prober,
      ProbeTiming timing, ActorRef<Report> replyTo) {
    super(context);
    this.spec = spec;
    this.prober = prober;
    this.timers = timers;
    this.replyTo = replyTo;
    ProbeParameters parameters = ProbeParameters.of(spec.probe(), timing);
    // probers keep to the timeout themselves; this only catches one that would not
    this.guard = parameters.timeout().multipliedBy(2).plusSeconds(1);
    this.state = ProbeState.initial(spec.kind(), parameters, spec.containerStartedAt(), spec.awaitsStartup());
    schedule();
  }

  /**
   * A worker for {@code spec}, probing with {@code prober}, whose probe seconds last as long as
   * {@code timing} says ({@link ProbeTiming#REAL} outside tests), reporting to {@code replyTo}.
   */
  public static Behavior<Command> create(Spec spec, Prober prober, ProbeTiming timing, ActorRef<Report> replyTo) {
    return Behaviors.setup(context -> Behaviors.withTimers(
        timers -> new ProbeWorker(context, timers, spec, prober, timing, replyTo)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, this::onTick)
        .onMessage(Probed.class, this::onProbed)
        .onMessage(BeginProbing.class, this::onBeginProbing)
        .onMessage(Stop.class, m -> Behaviors.stopped())
        .build();
  }

  private Behavior<Command> onTick(Tick tick) {
    if (probing) {
      return this;
    }
    probing = true;
    getContext().pipeToSelf(bounded(runProber()),
        (result, error) -> new Probed(error == null ? result : ProbeResult.unknown(describe(error))));
    return this;
  }

  private Behavior<Command> onProbed(Probed probed) {
    probing = false;
    ProbeState.Transition transition = state.next(probed.result(), Instant.now());
    state = transition.state();
    transition.unhealthy().ifPresent(message -> replyTo.tell(new ProbeFailed(spec.container(), spec.kind(), message)));
    report(transition.outcome());
    schedule();
    return this;
  }

  private Behavior<Command> onBeginProbing(BeginProbing begin) {
    state = state.startupSucceeded(Instant.now());
    if (!probing) {
      schedule();
    }
    return this;
  }

  private void report(ProbeState.Outcome outcome) {
    if (outcome instanceof ProbeState.Ready ready) {
      replyTo.tell(new ReadinessChanged(spec.container(), ready.ready(), ready.message()));
    } else if (outcome instanceof ProbeState.Started) {
      replyTo.tell(new StartupSucceeded(spec.container()));
    } else if (outcome instanceof ProbeState.Restart restart) {
      replyTo.tell(new RestartRequired(spec.container(), spec.kind(), restart.message()));
    }
  }

  private void schedule() {
    state.nextProbeAt().ifPresentOrElse(at -> {
      Duration delay = Duration.between(Instant.now(), at);
      timers.startSingleTimer(TICK, new Tick(), delay.isNegative() ? Duration.ZERO : delay);
    }, () -> timers.cancel(TICK));
  }

  private CompletionStage<ProbeResult> runProber() {
    try {
      CompletionStage<ProbeResult> stage = prober.probe(spec.probe(), spec.target());
      return stage != null ? stage : CompletableFuture.completedFuture(ProbeResult.unknown("prober returned nothing"));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(ProbeResult.unknown(describe(e)));
    }
  }

  private CompletionStage<ProbeResult> bounded(CompletionStage<ProbeResult> stage) {
    CompletableFuture<ProbeResult> result = new CompletableFuture<>();
    stage.whenComplete((value, error) -> {
      if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(value);
      }
    });
    return result.completeOnTimeout(ProbeResult.unknown("probe did not finish within " + guard),
        guard.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static String describe(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    return cause.getMessage() != null ? cause.getMessage() : cause.toString();
  }
}
