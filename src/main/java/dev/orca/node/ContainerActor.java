package dev.orca.node;

import dev.orca.model.Container;
import dev.orca.model.LifecycleHandler;
import dev.orca.model.Pod;
import dev.orca.node.probe.ProbeKind;
import dev.orca.node.probe.ProbeResult;
import dev.orca.node.probe.ProbeTarget;
import dev.orca.node.probe.ProbeTiming;
import dev.orca.node.probe.ProbeWorker;
import dev.orca.node.probe.Probers;
import dev.orca.node.runtime.ContainerRuntime;
import dev.orca.node.runtime.ContainerRuntime.RunningContainer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One run of one container of a pod, through the runtime: starts it, probes it, stops it (its
 * preStop hook first) and tells its PodRunner how it ended, then stops. The PodRunner decides
 * whether and when the container runs again (CrashLoopBackOff) and spawns a new one.
 */
final class ContainerActor {

  sealed interface Command {}

  /** Stop the container (its preStop hook first) and do not restart it. */
  record Stop(long gracePeriodSeconds) implements Command {}

  private record Started(RunningContainer container) implements Command {}

  /** The runtime could not start the container: kube's waiting reason (RunContainerError …) and why. */
  private record StartFailed(String reason, String message) implements Command {}

  /** The container ended; after the actor stopped (it stops its container) nobody needs to hear it. */
  /** What a probe worker of this container found. */
  private record ProbeReport(ProbeWorker.Report report) implements Command {}

  /** The container ended; {@code reason} is the runtime's (OOMKilled) or null. */
  private record Exited(int exitCode, String reason) implements Command, org.apache.pekko.actor.DeadLetterSuppression {}

  /** The preStop hook ended (or could not run); termination goes on either way. */
  private record PreStopDone(ProbeResult result) implements Command, org.apache.pekko.actor.DeadLetterSuppression {}

  /** The grace period is over: whatever runs now gets SIGKILL, hook or not. */
  private record GraceExpired() implements Command, org.apache.pekko.actor.DeadLetterSuppression {}

  private static final String GRACE_TIMER = "grace";

  private final ActorContext<Command> context;
  private final Pod pod;
  private final Container container;
  private final ActorRef<PodRunner.Command> runner;
  private final ContainerRuntime runtime;
  private final Probers probers;
  private final ProbeTiming timing;
  private final TimerScheduler<Command> timers;
  private final List<ActorRef<ProbeWorker.Command>> probes = new ArrayList<>();
  private boolean stopping;
  /** Termination began (pod stopping or liveness kill): the preStop hook runs at most once. */
  private boolean terminating;
  /** While the preStop hook runs: when the grace period ends. */
  private Instant graceDeadline;

  private ContainerActor(ActorContext<Command> context, TimerScheduler<Command> timers, Pod pod, Container container,
      ActorRef<PodRunner.Command> runner, ContainerRuntime runtime, Probers probers, ProbeTiming timing) {
    this.context = context;
    this.timers = timers;
    this.pod = pod;
    this.container = container;
    this.runner = runner;
    this.runtime = runtime;
    this.probers = probers;
    this.timing = timing;
  }

  /** Whether this container's readiness comes from a probe (else it is ready once running). */
  static boolean probedForReadiness(Container container, ContainerRuntime runtime, Probers probers) {
    return probers != null && runtime.runsProbes() && container.readinessProbe() != null;
  }

  static Behavior<Command> create(Pod pod, Container container, ContainerRuntime runtime,
      ActorRef<PodRunner.Command> runner, Probers probers, ProbeTiming timing) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      ContainerActor actor = new ContainerActor(context, timers, pod, container, runner, runtime, probers, timing);
      context.pipeToSelf(runtime.start(pod, container),
          (started, error) -> error == null ? new Started(started) : startFailed(error));
      return actor.starting();
    }));
  }

  private Behavior<Command> starting() {
    return Behaviors.receive(Command.class)
        .onMessage(Started.class, this::onStarted)
        .onMessage(StartFailed.class, this::onStartFailed)
        .onMessage(Stop.class, m -> {
          stopping = true;
          return Behaviors.same();
        })
        .build();
  }

  private static StartFailed startFailed(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof dev.orca.node.runtime.ContainerStartException e) {
      return new StartFailed(e.reason(), e.getMessage());
    }
    return new StartFailed("RunContainerError", String.valueOf(cause.getMessage()));
  }

  /** A container that cannot start waits with the reason; its runner tries again with backoff. */
  private Behavior<Command> onStartFailed(StartFailed failed) {
    runner.tell(new PodRunner.ContainerFailedToStart(container.name(), failed.reason(), failed.message(), stopping));
    return Behaviors.stopped();
  }

  private Behavior<Command> onStarted(Started started) {
    RunningContainer running = started.container();
    if (stopping) {
      running.stop(0);
    }
    runner.tell(new PodRunner.ContainerRunning(container.name(), running.containerId(), running.startedAt(),
        !probedForReadiness(container, runtime, probers)));
    running.warnings().forEach(w -> runner.tell(new PodRunner.ContainerEvent(container.name(), "Warning", w.reason(),
        w.message())));
    startProbes(running);
    ActorRef<Command> self = context.getSelf();
    running.exited().whenComplete((code, error) -> self.tell(new Exited(code == null ? 137 : code, running.exitReason())));
    return running(running);
  }

  private Behavior<Command> running(RunningContainer running) {
    return Behaviors.receive(Command.class)
        .onMessage(Stop.class, m -> {
          stopping = true;
          return terminate(running, m.gracePeriodSeconds());
        })
        .onMessage(Exited.class, this::onExited)
        .onMessage(ProbeReport.class, m -> onProbeReport(m.report(), running))
        .onMessage(PreStopDone.class, m -> onPreStopDone(m.result(), running))
        .onMessage(GraceExpired.class, m -> {
          running.kill();
          return Behaviors.same();
        })
        .onSignal(PostStop.class, s -> {
          running.stop(0);
          return Behaviors.same();
        })
        .build();
  }

  /** One worker per probe the container declares, if its runtime is probed. */
  private void startProbes(RunningContainer running) {
    if (probers == null || !runtime.runsProbes()) {
      return;
    }
    ProbeTarget target = target(running);
    ActorRef<ProbeWorker.Report> reports = context.messageAdapter(ProbeWorker.Report.class, ProbeReport::new);
    boolean startup = container.startupProbe() != null;
    spawnProbe(ProbeKind.STARTUP, container.startupProbe(), target, running, false, reports);
    spawnProbe(ProbeKind.LIVENESS, container.livenessProbe(), target, running, startup, reports);
    spawnProbe(ProbeKind.READINESS, container.readinessProbe(), target, running, startup, reports);
  }

  private void spawnProbe(ProbeKind kind, dev.orca.model.Probe probe, ProbeTarget target, RunningContainer running,
      boolean awaitsStartup, ActorRef<ProbeWorker.Report> reports) {
    if (probe != null) {
      probes.add(context.spawn(ProbeWorker.create(new ProbeWorker.Spec(container.name(), kind, probe, target,
          running.startedAt(), awaitsStartup), probers, timing, reports), "probe-" + kind.label().toLowerCase()));
    }
  }

  private Behavior<Command> onProbeReport(ProbeWorker.Report report, RunningContainer running) {
    if (report instanceof ProbeWorker.ReadinessChanged changed) {
      runner.tell(new PodRunner.ContainerReadiness(container.name(), changed.ready()));
    } else if (report instanceof ProbeWorker.StartupSucceeded) {
      probes.forEach(p -> p.tell(new ProbeWorker.BeginProbing()));
    } else if (report instanceof ProbeWorker.ProbeFailed failed) {
      runner.tell(new PodRunner.ContainerEvent(container.name(), "Warning", "Unhealthy", failed.message()));
    } else if (report instanceof ProbeWorker.RestartRequired restart) {
      // kubelet kills a container that failed its liveness (or startup) probe; its restartPolicy decides the rest
      runner.tell(new PodRunner.ContainerEvent(container.name(), "Normal", "Killing",
          "Container " + container.name() + " failed " + restart.kind().label().toLowerCase()
              + " probe, will be restarted"));
      probes.forEach(p -> p.tell(new ProbeWorker.Stop()));
      return terminate(running, pod.spec().terminationGracePeriodSeconds() == null
          ? 30 : pod.spec().terminationGracePeriodSeconds());
    }
    return Behaviors.same();
  }

  /** The pod's IP, the container's named ports, and its environment and working directory as the runtime made them. */
  private ProbeTarget target(RunningContainer running) {
    String podIp = runtime.podIp(pod) != null ? runtime.podIp(pod) : "127.0.0.1";
    ProbeTarget named = ProbeTarget.of(podIp, container, running.environment());
    return new ProbeTarget(named.host(), named.namedPorts(), named.env(), running.workingDirectory())
        .inSandbox(runtime.execPrefix(pod));
  }

  /**
   * Stops the container as kubelet does: the preStop hook first, then SIGTERM, and SIGKILL when
   * the grace period (which the hook's time counts against) is over. Asked again while the hook
   * runs, a shorter grace period wins; the hook runs once.
   */
  private Behavior<Command> terminate(RunningContainer running, long gracePeriodSeconds) {
    Duration grace = Duration.ofSeconds(Math.max(0, gracePeriodSeconds));
    Instant deadline = Instant.now().plus(grace);
    if (graceDeadline != null) {
      if (deadline.isBefore(graceDeadline)) {
        graceDeadline = deadline;
        timers.startSingleTimer(GRACE_TIMER, new GraceExpired(), grace);
      }
      return Behaviors.same();
    }
    LifecycleHandler preStop = container.lifecycle() == null ? null : container.lifecycle().preStop();
    if (terminating || preStop == null || probers == null || !runtime.runsProbes() || grace.isZero()) {
      terminating = true;
      running.stop(grace.toSeconds());
      return Behaviors.same();
    }
    terminating = true;
    graceDeadline = deadline;
    timers.startSingleTimer(GRACE_TIMER, new GraceExpired(), grace);
    context.pipeToSelf(LifecycleHooks.run(preStop, target(running), grace, probers),
        (result, error) -> new PreStopDone(error == null ? result : ProbeResult.failure(String.valueOf(error.getMessage()))));
    return Behaviors.same();
  }

  /** The hook is done: a failure is a FailedPreStopHook Event; SIGTERM now, SIGKILL at the end of the grace period. */
  private Behavior<Command> onPreStopDone(ProbeResult result, RunningContainer running) {
    if (graceDeadline == null) {
      return Behaviors.same();
    }
    if (result.status() != ProbeResult.Status.SUCCESS) {
      runner.tell(new PodRunner.ContainerEvent(container.name(), "Warning", "FailedPreStopHook",
          LifecycleHooks.failureMessage(container.lifecycle().preStop(), container.name(), pod, result.message())));
    }
    long left = Duration.between(Instant.now(), graceDeadline).toMillis();
    if (left <= 0) {
      running.kill();
      return Behaviors.same();
    }
    graceDeadline = null;
    // whole seconds, rounded up: the grace timer kills on time
    running.stop((left + 999) / 1000);
    return Behaviors.same();
  }

  private Behavior<Command> onExited(Exited exited) {
    runner.tell(new PodRunner.ContainerTerminated(container.name(), exited.exitCode(), exited.reason(), Instant.now(),
        stopping));
    return Behaviors.stopped();
  }
}
