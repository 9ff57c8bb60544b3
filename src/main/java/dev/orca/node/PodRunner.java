package dev.orca.node;

import dev.orca.control.Entities;
import dev.orca.control.EventRecorder;
import dev.orca.control.PodEntity;
import dev.orca.model.Container;
import dev.orca.model.ContainerStatus;
import dev.orca.model.Pod;
import dev.orca.model.PodStatus;
import dev.orca.node.probe.ProbeTiming;
import dev.orca.node.probe.Probers;
import dev.orca.node.runtime.ContainerRuntime;
import dev.orca.store.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Runs one pod on its node: a child per container run; when a run ends and the restartPolicy wants
 * the container back (or it could not start), a new run after kubelet's backoff
 * ({@link CrashLoopBackOff}, the delay named in the waiting message). Reports the pod's status to
 * its Pod entity whenever it changes.
 */
final class PodRunner extends AbstractBehavior<PodRunner.Command> {

  sealed interface Command {}

  /** Stop every container, then tell the agent. */
  record Stop(long gracePeriodSeconds) implements Command {}

  /** A container runs; {@code ready} is false while a readiness probe has not yet passed. */
  record ContainerRunning(String name, String containerId, Instant startedAt, boolean ready) implements Command {}

  /**
   * The pod as the read side shows it, on the agent's resync: a status report that did not land
   * (the journal was unreachable, the entity was restarting) is sent again — reports are level, not edge.
   */
  record Observed(Pod pod) implements Command {}

  /** A readiness probe changed its verdict. */
  record ContainerReadiness(String name, boolean ready) implements Command {}

  /** Something the kubelet reports about a container as an Event (Unhealthy, Killing …). */
  record ContainerEvent(String name, String type, String reason, String message) implements Command {}

  /** A container ended; {@code reason} is the runtime's (OOMKilled) or null for Completed/Error by the code. */
  record ContainerTerminated(String name, int exitCode, String reason, Instant at, boolean stopping) implements Command {}

  private record ContainerGone(String name) implements Command {}

  /** The backoff after a container's run is over: run it again. */
  private record RestartContainer(String name) implements Command {}

  /** The runtime could not start a container (no command, no such executable …). */
  record ContainerFailedToStart(String name, String reason, String message, boolean stopping) implements Command {}

  private final Pod pod;
  private final ObjectKey key;
  private final String hostIp;
  private final String podIp;
  private final ActorRef<NodeAgent.Command> agent;
  private final ClusterSharding sharding;
  private final Instant startTime;
  private final Map<String, ContainerStatus> statuses = new HashMap<>();
  private final Set<String> live = new HashSet<>();
  private final TimerScheduler<Command> timers;
  private final ContainerRuntime runtime;
  private final Probers probers;
  private final CrashLoopBackOff backOff;
  /** Restarts in a row per container, for the backoff; reset by a long enough run. */
  private final Map<String, Integer> consecutiveRestarts = new HashMap<>();
  /** When each container's current run started, as this runner saw it (finer than its status). */
  private final Map<String, Instant> runStarted = new HashMap<>();
  /** Containers whose run ended and that run again after this delay, once their actor is gone. */
  private final Map<String, Duration> restartAfter = new HashMap<>();
  private final Set<String> backingOff = new HashSet<>();
  private boolean stopping;
  /** The status last sent to the Pod entity, and whether the read side shows it. */
  private final ReportedStatus reported;

  private PodRunner(ActorContext<Command> context, TimerScheduler<Command> timers, Pod pod, ContainerRuntime runtime,
      NodeSettings settings, String hostIp, ActorRef<NodeAgent.Command> agent, Probers probers) {
    super(context);
    this.timers = timers;
    this.runtime = runtime;
    this.probers = probers;
    this.backOff = new CrashLoopBackOff(settings.restartBackoffMin(), settings.restartBackoffMax(),
        settings.restartBackoffReset());
    this.pod = pod;
    this.key = ObjectKey.of(pod);
    this.hostIp = hostIp;
    this.podIp = runtime.podIp(pod) != null ? runtime.podIp(pod) : settings.podIp(key);
    this.agent = agent;
    this.sharding = ClusterSharding.get(context.getSystem());
    this.startTime = pod.status() != null && pod.status().startTime() != null
        ? Instant.parse(pod.status().startTime()) : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    if (pod.status() != null && pod.status().containerStatuses() != null) {
      pod.status().containerStatuses().forEach(s -> statuses.put(s.name(), s));
    }
    this.reported = new ReportedStatus(pod.status());
    for (Container container : pod.spec().containers()) {
      run(container);
      live.add(container.name());
    }
  }

  static Behavior<Command> create(Pod pod, ContainerRuntime runtime, NodeSettings settings, String hostIp,
      ActorRef<NodeAgent.Command> agent, Probers probers) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new PodRunner(context, timers, pod, runtime, settings, hostIp, agent, probers)));
  }

  /** One run of the container, by a child named after it (the previous run's child is gone). */
  private void run(Container container) {
    ActorRef<ContainerActor.Command> child = getContext().spawn(
        ContainerActor.create(pod, container, runtime, getContext().getSelf(), probers, ProbeTiming.REAL),
        "container-" + container.name());
    getContext().watchWith(child, new ContainerGone(container.name()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ContainerRunning.class, this::onRunning)
        .onMessage(ContainerTerminated.class, this::onTerminated)
        .onMessage(Stop.class, this::onStop)
        .onMessage(ContainerGone.class, this::onContainerGone)
        .onMessage(RestartContainer.class, this::onRestart)
        .onMessage(ContainerFailedToStart.class, this::onFailedToStart)
        .onMessage(ContainerReadiness.class, this::onReadiness)
        .onMessage(Observed.class, this::onObserved)
        .onMessage(ContainerEvent.class, m -> {
          event(m.name(), m.type(), m.reason(), m.message());
          return this;
        })
        .build();
  }

  private void event(String container, String type, String reason, String message) {
    EventRecorder.get(getContext().getSystem()).record(pod, "spec.containers{" + container + "}", type, reason, message,
        "kubelet", pod.spec().nodeName());
  }

  private Behavior<Command> onRunning(ContainerRunning m) {
    ContainerStatus before = statuses.get(m.name());
    if (before == null || before.containerID() == null || !before.containerID().equals(m.containerId())) {
      event(m.name(), EventRecorder.NORMAL, "Started", "Started container " + m.name());
    }
    runStarted.put(m.name(), Instant.now());
    statuses.put(m.name(), PodStatusBuilder.running(statuses.get(m.name()), m.name(), image(m.name()), m.containerId(),
        m.startedAt(), m.ready()));
    report();
    return this;
  }

  private Behavior<Command> onTerminated(ContainerTerminated m) {
    String policy = pod.spec().restartPolicy() == null ? "Always" : pod.spec().restartPolicy();
    boolean willRestart = !m.stopping()
        && ("Always".equals(policy) || ("OnFailure".equals(policy) && m.exitCode() != 0));
    String backOffMessage = null;
    if (willRestart) {
      Duration delay = nextDelay(m.name());
      restartAfter.put(m.name(), delay);
      backOffMessage = "back-off " + CrashLoopBackOff.format(delay) + " restarting failed container=" + m.name()
          + " pod=" + podDescription();
    }
    statuses.put(m.name(), PodStatusBuilder.terminated(statuses.get(m.name()), m.name(), image(m.name()), m.exitCode(),
        m.reason(), m.at(), backOffMessage));
    if (PodStatusBuilder.OOM_KILLED.equals(m.reason())) {
      event(m.name(), EventRecorder.WARNING, "OOMKilling", "Container " + m.name() + " used more memory than its limit ("
          + memoryLimit(m.name()) + ") and was killed (OOMKilled, exit code " + m.exitCode() + ")");
    }
    if (!willRestart) {
      live.remove(m.name());
    } else {
      event(m.name(), EventRecorder.WARNING, "BackOff", "Back-off restarting failed container " + m.name() + " in pod "
          + podDescription());
    }
    if (stopping) {
      return stopIfDone();
    }
    report();
    return this;
  }

  private Behavior<Command> onReadiness(ContainerReadiness m) {
    ContainerStatus current = statuses.get(m.name());
    if (current != null && current.state() != null && current.state().running() != null) {
      statuses.put(m.name(), PodStatusBuilder.withReady(current, m.ready()));
      report();
    }
    return this;
  }

  /** A container that could not start waits with the runtime's reason and is tried again after the backoff. */
  private Behavior<Command> onFailedToStart(ContainerFailedToStart m) {
    statuses.put(m.name(), PodStatusBuilder.waiting(statuses.get(m.name()), m.name(), image(m.name()), m.reason(),
        m.message()));
    event(m.name(), EventRecorder.WARNING, "Failed", "Error: " + m.message());
    if (stopping || m.stopping()) {
      live.remove(m.name());
      return stopIfDone();
    }
    restartAfter.put(m.name(), nextDelay(m.name()));
    report();
    return this;
  }

  /** The delay before the container's next run; a run of at least the reset time starts the sequence again. */
  private Duration nextDelay(String name) {
    Instant started = runStarted.remove(name);
    if (started != null && backOff.resets(Duration.between(started, Instant.now()))) {
      consecutiveRestarts.remove(name);
    }
    int n = consecutiveRestarts.getOrDefault(name, 0);
    consecutiveRestarts.put(name, n + 1);
    return backOff.delay(n);
  }

  /**
   * A container's actor ended. After a run that is to be repeated, the next run starts when the
   * backoff is over; an actor that ended while its container should still run has failed, and
   * fails the runner too.
   */
  private Behavior<Command> onContainerGone(ContainerGone gone) {
    Duration delay = restartAfter.remove(gone.name());
    if (stopping) {
      live.remove(gone.name());
      return stopIfDone();
    }
    if (delay != null) {
      backingOff.add(gone.name());
      timers.startSingleTimer("restart-" + gone.name(), new RestartContainer(gone.name()), delay);
    } else if (live.contains(gone.name())) {
      throw new IllegalStateException("container " + gone.name() + " of " + key + " stopped unexpectedly");
    }
    return this;
  }

  private Behavior<Command> onRestart(RestartContainer m) {
    if (backingOff.remove(m.name()) && !stopping) {
      pod.spec().containers().stream().filter(c -> c.name().equals(m.name())).findFirst().ifPresent(this::run);
    }
    return this;
  }

  private Behavior<Command> onStop(Stop m) {
    stopping = true;
    live.forEach(name -> event(name, EventRecorder.NORMAL, "Killing", "Stopping container " + name));
    for (String name : backingOff) {
      timers.cancel("restart-" + name);
      live.remove(name);
    }
    backingOff.clear();
    getContext().getChildren().forEach(child -> child.unsafeUpcast().tell(new ContainerActor.Stop(m.gracePeriodSeconds())));
    return stopIfDone();
  }

  private String podDescription() {
    return pod.metadata().name() + "_" + pod.metadata().namespace() + "(" + pod.metadata().uid() + ")";
  }

  private Behavior<Command> stopIfDone() {
    if (live.isEmpty()) {
      agent.tell(new NodeAgent.RunnerStopped(key, pod));
      return Behaviors.stopped();
    }
    return this;
  }

  private Behavior<Command> onObserved(Observed m) {
    if (reported.resendAfter(m.pod())) {
      report();
    }
    return this;
  }

  private void report() {
    PodStatus status = PodStatusBuilder.build(pod, statuses, hostIp, podIp, startTime,
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    if (reported.toSend(status)) {
      Entities.tell(sharding, key, new PodEntity.ReportStatus(status));
    }
  }

  private String memoryLimit(String containerName) {
    return pod.spec().containers().stream().filter(c -> c.name().equals(containerName)).findFirst()
        .map(c -> c.resources() == null || c.resources().limits() == null ? null : c.resources().limits().get("memory"))
        .orElse("none");
  }

  private String image(String containerName) {
    return pod.spec().containers().stream().filter(c -> c.name().equals(containerName)).findFirst()
        .map(Container::image).orElse(null);
  }

  /** The grace period of the pod's deletion when it is being deleted, else its spec's (30 s by default). */
  static Duration grace(Pod pod) {
    Long seconds = pod.metadata().deletionGracePeriodSeconds() != null
        ? pod.metadata().deletionGracePeriodSeconds() : pod.spec().terminationGracePeriodSeconds();
    return Duration.ofSeconds(seconds == null ? 30 : seconds);
  }
}
