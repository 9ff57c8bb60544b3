package dev.orca.node;

import dev.orca.model.Container;
import dev.orca.model.Pod;
import dev.orca.node.runtime.ContainerRuntime;
import dev.orca.node.runtime.ContainerRuntime.RunningContainer;
import dev.orca.node.probe.ProbeKind;
import dev.orca.node.probe.ProbeTarget;
import dev.orca.node.probe.ProbeTiming;
import dev.orca.node.probe.ProbeWorker;
import dev.orca.node.probe.Probers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One container of a pod, run through the runtime. When the container exits and the pod's
 * restartPolicy wants it back, this actor fails with {@link ContainerExited}; its PodRunner
 * supervises it with a restart backoff, which is CrashLoopBackOff.
 */
final class ContainerActor {

  sealed interface Command {}

  /** Stop the container and do not restart it. */
  record Stop(long gracePeriodSeconds) implements Command {}

  private record Started(RunningContainer container) implements Command {}

  /** The runtime could not start the container: kube's waiting reason (RunContainerError …) and why. */
  private record StartFailed(String reason, String message) implements Command {}

  /** The container ended; after the actor stopped (it stops its container) nobody needs to hear it. */
  /** What a probe worker of this container found. */
  private record ProbeReport(ProbeWorker.Report report) implements Command {}

  /** The container ended; {@code reason} is the runtime's (OOMKilled) or null. */
  private record Exited(int exitCode, String reason) implements Command, org.apache.pekko.actor.DeadLetterSuppression {}

  /** The container ended and should be restarted. */
  static final class ContainerExited extends RuntimeException {
    ContainerExited(String name, int exitCode) {
      super("container " + name + " exited with " + exitCode);
    }
  }

  private final ActorContext<Command> context;
  private final Pod pod;
  private final Container container;
  private final ActorRef<PodRunner.Command> runner;
  private final ContainerRuntime runtime;
  private final Probers probers;
  private final ProbeTiming timing;
  private final List<ActorRef<ProbeWorker.Command>> probes = new ArrayList<>();
  private boolean stopping;

  private ContainerActor(ActorContext<Command> context, Pod pod, Container container, ActorRef<PodRunner.Command> runner,
      ContainerRuntime runtime, Probers probers, ProbeTiming timing) {
    this.context = context;
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
    return Behaviors.setup(context -> {
      ContainerActor actor = new ContainerActor(context, pod, container, runner, runtime, probers, timing);
      context.pipeToSelf(runtime.start(pod, container),
          (started, error) -> error == null ? new Started(started) : startFailed(error));
      return actor.starting();
    });
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

  /** A container that cannot start waits with the reason, and is tried again with backoff. */
  private Behavior<Command> onStartFailed(StartFailed failed) {
    runner.tell(new PodRunner.ContainerFailedToStart(container.name(), failed.reason(), failed.message()));
    if (stopping) {
      runner.tell(new PodRunner.ContainerTerminated(container.name(), 128, null, Instant.now(), true));
      return Behaviors.stopped();
    }
    throw new ContainerExited(container.name(), 128);
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
          running.stop(m.gracePeriodSeconds());
          return Behaviors.same();
        })
        .onMessage(Exited.class, this::onExited)
        .onMessage(ProbeReport.class, m -> onProbeReport(m.report(), running))
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
    String podIp = runtime.podIp(pod) != null ? runtime.podIp(pod) : "127.0.0.1";
    ProbeTarget target = ProbeTarget.of(podIp, container, Map.of()).inSandbox(runtime.execPrefix(pod));
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
      running.stop(pod.spec().terminationGracePeriodSeconds() == null ? 30 : pod.spec().terminationGracePeriodSeconds());
    }
    return Behaviors.same();
  }

  private Behavior<Command> onExited(Exited exited) {
    runner.tell(new PodRunner.ContainerTerminated(container.name(), exited.exitCode(), exited.reason(), Instant.now(),
        stopping));
    String policy = pod.spec().restartPolicy() == null ? "Always" : pod.spec().restartPolicy();
    boolean restart = !stopping && ("Always".equals(policy) || ("OnFailure".equals(policy) && exited.exitCode() != 0));
    if (restart) {
      throw new ContainerExited(container.name(), exited.exitCode());
    }
    return Behaviors.stopped();
  }
}
