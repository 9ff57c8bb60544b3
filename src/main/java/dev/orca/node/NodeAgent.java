package dev.orca.node;

import dev.orca.CborSerializable;
import dev.orca.control.Entities;
import dev.orca.control.NodeEntity;
import dev.orca.control.PodEntity;
import dev.orca.model.Node;
import dev.orca.model.Pod;
import dev.orca.model.PodResources;
import dev.orca.model.ResourceType;
import dev.orca.node.runtime.ContainerRuntime;
import dev.orca.store.ObjectKey;
import dev.orca.store.Store;
import dev.orca.store.StoredObject;
import dev.orca.node.probe.Probers;
import dev.orca.node.runtime.ContainerLog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
 * The kubelet of one node: registers the node, renews its lease, and keeps a PodRunner for every
 * pod bound to the node — level-triggered against the pods the read side shows, nudged by each
 * change of such a pod.
 */
public final class NodeAgent extends AbstractBehavior<NodeAgent.Command> {

  /** The chaos, log and metrics commands come from the API, possibly in another JVM ({@link AgentDirectory}). */
  public sealed interface Command extends CborSerializable {}

  /** A pod bound to this node changed (or vanished: pod is null). */
  public record PodChanged(ObjectKey key, Pod pod) implements Command {}

  /** Chaos: stop renewing the lease, as a dead kubelet would. */
  public record StopHeartbeats() implements Command {}

  /** Chaos: renew the lease again. */
  public record ResumeHeartbeats() implements Command {}

  /** Chaos: crash one container of a pod on this node, or every one ({@code container} null); answers how many crashed. */
  public record CrashPod(String namespace, String name, String container, ActorRef<Integer> replyTo) implements Command {
    public CrashPod(String namespace, String name, ActorRef<Integer> replyTo) {
      this(namespace, name, null, replyTo);
    }
  }

  /** The runner of the pod stopped its containers, as asked: the pod no longer runs here. */
  record RunnerStopped(ObjectKey key, Pod pod) implements Command {}

  /** The lines of a container's log after {@code afterSeq} (the previous instance's with {@code previous}). */
  public record ReadLog(String namespace, String pod, String container, boolean previous, long afterSeq,
      ActorRef<LogChunk> replyTo) implements Command {}

  /** Log lines, or {@code found=false} when this node has no such log. */
  public record LogChunk(boolean found, List<ContainerLog.Line> lines) implements dev.orca.CborSerializable {}

  /** The node's and its pods' latest resource use (as metrics-server scrapes a kubelet). */
  public record ReadMetrics(ActorRef<NodeMetrics> replyTo) implements Command {}

  private record SampleUsage() implements Command {}

  /** A sample taken off the actor's thread: the runtime's, or empty when it does not measure. */
  private record UsageSampled(java.util.Optional<dev.orca.node.runtime.UsageSample> sample, Throwable failure)
      implements Command {}

  private record RunnerTerminated(ObjectKey key, ActorRef<PodRunner.Command> runner) implements Command {}

  private record Tick() implements Command {}

  private record Resync() implements Command {}

  private final Node node;
  private final Probers probers;
  private final ContainerRuntime runtime;
  private final NodeSettings settings;
  private final ClusterSharding sharding;
  private final Store store;
  private final ObjectKey nodeKey;
  private final Map<ObjectKey, ActorRef<PodRunner.Command>> runners = new HashMap<>();
  /** Pods whose runner this agent started, until their logs are forgotten (their pod gone from the cluster). */
  private final Set<ObjectKey> ran = new HashSet<>();
  private final Set<ObjectKey> stopping = new HashSet<>();
  private boolean heartbeating = true;
  /** The pods it ran that were gone at the last resync: their logs are forgotten at this one. */
  private Set<ObjectKey> goneAtLastResync = new HashSet<>();
  /** Whether the node has been seen in the store since this agent started. */
  private boolean registered;
  private NodeMetrics metrics;
  /** Whether the runtime measures its containers' use; until its first sample says not, it does. */
  private boolean measures = true;
  private boolean sampling;
  private final TimerScheduler<Command> timers;

  private NodeAgent(ActorContext<Command> context, TimerScheduler<Command> timers, Node node, ContainerRuntime runtime,
      NodeSettings settings, Probers probers) {
    super(context);
    this.timers = timers;
    this.probers = probers;
    this.node = node;
    this.runtime = runtime;
    this.settings = settings;
    this.sharding = ClusterSharding.get(context.getSystem());
    this.store = Store.get(context.getSystem());
    this.nodeKey = new ObjectKey(ResourceType.NODE, "", node.metadata().name());
    Entities.tell(sharding, nodeKey, new NodeEntity.Register(node));
    timers.startTimerWithFixedDelay("heartbeat", new Tick(), settings.heartbeatInterval());
    timers.startTimerWithFixedDelay("resync", new Resync(), settings.resyncInterval());
    timers.startTimerWithFixedDelay("metrics", new SampleUsage(), settings.metricsInterval());
    this.metrics = NodeMetrics.none(node.metadata().name());
    context.getSelf().tell(new Resync());
    context.getSelf().tell(new SampleUsage());
  }

  public static Behavior<Command> create(Node node, ContainerRuntime runtime, NodeSettings settings, Probers probers) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new NodeAgent(context, timers, node, runtime, settings, probers)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, this::onTick)
        .onMessage(Resync.class, this::onResync)
        .onMessage(PodChanged.class, this::onPodChanged)
        .onMessage(RunnerStopped.class, this::onRunnerStopped)
        .onMessage(RunnerTerminated.class, this::onRunnerTerminated)
        .onMessage(StopHeartbeats.class, m -> setHeartbeating(false))
        .onMessage(ResumeHeartbeats.class, m -> setHeartbeating(true))
        .onMessage(CrashPod.class, this::onCrashPod)
        .onMessage(ReadLog.class, this::onReadLog)
        .onMessage(SampleUsage.class, this::onSampleUsage)
        .onMessage(UsageSampled.class, this::onUsageSampled)
        .onMessage(ReadMetrics.class, this::onReadMetrics)
        .build();
  }

  /**
   * A heartbeat; until the node is seen in the store, its registration again instead (as the
   * kubelet retries until the API server takes it): a Register whose write failed — the journal
   * busy or down, thousands of nodes registering at once — would otherwise leave the node unknown
   * while its agent heartbeats into nothing.
   */
  private Behavior<Command> onTick(Tick tick) {
    if (!registered) {
      registered = store.cache().get(nodeKey) != null;
    }
    if (heartbeating) {
      Entities.tell(sharding, nodeKey, registered ? new NodeEntity.Heartbeat() : new NodeEntity.Register(node));
    }
    return this;
  }

  private Behavior<Command> setHeartbeating(boolean on) {
    heartbeating = on;
    if (on) {
      Entities.tell(sharding, nodeKey, new NodeEntity.Register(node));
    }
    return this;
  }

  private Behavior<Command> onResync(Resync resync) {
    Set<ObjectKey> seen = new HashSet<>();
    for (Pod pod : store.cache().podsOnNode(node.metadata().name())) {
      ObjectKey key = ObjectKey.of(pod);
      seen.add(key);
      sync(key, pod);
      ActorRef<PodRunner.Command> runner = runners.get(key);
      if (runner != null && !stopping.contains(key)) {
        runner.tell(new PodRunner.Observed(pod));
      }
    }
    for (ObjectKey key : Set.copyOf(runners.keySet())) {
      if (!seen.contains(key)) {
        sync(key, null);
      }
    }
    // logs outlive their pod by one whole resync interval at least, so that `logs -f` reads the last
    // lines (forgotten at the first resync after the pod went, a log could vanish between two of the
    // follower's polls, 500 ms apart, and its stream end without the container's last line); the log
    // store may be shared by several nodes' agents, so each forgets only pods it ran, once they are
    // gone from the cluster (looking at every pod of the shared store from every agent cost 55 % of
    // the CPU at 1,000 simulated nodes and 13,000 pods: bench/results, scale)
    Set<ObjectKey> goneNow = new HashSet<>();
    for (java.util.Iterator<ObjectKey> it = ran.iterator(); it.hasNext(); ) {
      ObjectKey key = it.next();
      if (store.cache().get(key) == null && !runners.containsKey(key)) {
        if (goneAtLastResync.contains(key)) {
          runtime.logs().forget(key.namespace(), key.name());
          it.remove();
        } else {
          goneNow.add(key);
        }
      }
    }
    goneAtLastResync = goneNow;
    return this;
  }

  private Behavior<Command> onPodChanged(PodChanged changed) {
    sync(changed.key(), changed.pod());
    return this;
  }

  /** Makes the runners match the pod: run it if it should run, stop it if it should not. */
  private void sync(ObjectKey key, Pod pod) {
    boolean shouldRun = pod != null && heartbeating && !pod.metadata().isDeleting() && !PodResources.isTerminal(pod)
        && node.metadata().name().equals(pod.spec().nodeName());
    ActorRef<PodRunner.Command> runner = runners.get(key);
    if (shouldRun && runner == null) {
      ActorRef<PodRunner.Command> started =
          getContext().spawnAnonymous(PodRunner.create(pod, runtime, settings, "127.0.0.1", getContext().getSelf(), probers));
      ran.add(key);
      getContext().watchWith(started, new RunnerTerminated(key, started));
      runners.put(key, started);
    } else if (!shouldRun && runner != null && !stopping.contains(key)) {
      stopping.add(key);
      runner.tell(new PodRunner.Stop(pod == null ? 0 : PodRunner.grace(pod).toSeconds()));
    } else if (!shouldRun && runner == null && pod != null && pod.metadata().isDeleting()) {
      Entities.tell(sharding, key, new PodEntity.ContainersStopped(node.metadata().name()));
    }
  }

  private Behavior<Command> onRunnerStopped(RunnerStopped stopped) {
    runners.remove(stopped.key());
    stopping.remove(stopped.key());
    runtime.podRemoved(stopped.pod());
    Entities.tell(sharding, stopped.key(), new PodEntity.ContainersStopped(node.metadata().name()));
    return this;
  }

  /** A runner that stopped without being asked to failed: run the pod again from what the read side shows. */
  private Behavior<Command> onRunnerTerminated(RunnerTerminated terminated) {
    if (runners.get(terminated.key()) == terminated.runner() && !stopping.contains(terminated.key())) {
      getContext().getLog().warn("the runner of pod {} failed; starting it again", terminated.key());
      runners.remove(terminated.key());
      StoredObject current = store.cache().get(terminated.key());
      sync(terminated.key(), current == null ? null : (Pod) current.object());
    }
    return this;
  }

  private Behavior<Command> onReadLog(ReadLog read) {
    ContainerLog log = runtime.logs().log(read.namespace(), read.pod(), read.container(), read.previous());
    if (log == null && !read.previous()
        && runners.containsKey(new ObjectKey(ResourceType.POD, read.namespace(), read.pod()))) {
      getContext().getLog().warn("no log of {}/{}/{} although its runner runs; logs held: {}", read.namespace(),
          read.pod(), read.container(), runtime.logs().pods());
    }
    read.replyTo().tell(log == null ? new LogChunk(false, List.of()) : new LogChunk(true, log.after(read.afterSeq())));
    return this;
  }

  /** Samples on the blocking dispatcher (the runtime reads /proc), one sample at a time. */
  private Behavior<Command> onSampleUsage(SampleUsage tick) {
    if (!sampling) {
      sampling = true;
      java.util.concurrent.Executor blocking = getContext().getSystem().dispatchers()
          .lookup(org.apache.pekko.actor.typed.DispatcherSelector.blocking());
      getContext().pipeToSelf(java.util.concurrent.CompletableFuture.supplyAsync(runtime::sampleUsage, blocking),
          UsageSampled::new);
    }
    return this;
  }

  private Behavior<Command> onUsageSampled(UsageSampled sampled) {
    sampling = false;
    String name = node.metadata().name();
    if (sampled.failure() != null) {
      getContext().getLog().warn("sampling the resource use of node {} failed: {}", name, sampled.failure().toString());
    } else if (sampled.sample().isPresent()) {
      Set<String> pods = new HashSet<>();
      runners.keySet().forEach(k -> pods.add(k.namespace() + "/" + k.name()));
      metrics = NodeMetrics.measured(name, sampled.sample().get(), pods);
    } else {
      // the runtime measures nothing (simulated containers): their made-up usage is worked out
      // when read, not every interval on every node (3 % of the CPU at 5,000 nodes)
      measures = false;
      timers.cancel("metrics");
    }
    return this;
  }

  private Behavior<Command> onReadMetrics(ReadMetrics read) {
    read.replyTo().tell(measures ? metrics : simulatedMetrics());
    return this;
  }

  private NodeMetrics simulatedMetrics() {
    List<Pod> pods = store.cache().podsOnNode(node.metadata().name()).stream()
        .filter(p -> runners.containsKey(ObjectKey.of(p))).toList();
    return NodeMetrics.simulated(node.metadata().name(), java.time.Instant.now(), settings.metricsInterval(), pods);
  }

  private Behavior<Command> onCrashPod(CrashPod crash) {
    int crashed = runtime.crash(crash.namespace(), crash.name(), crash.container());
    if (crashed == 0) {
      getContext().getLog().warn("crash of {}/{}: no running container here; runners {}, stopping {}", crash.namespace(),
          crash.name(), runners.keySet(), stopping);
    }
    crash.replyTo().tell(crashed);
    return this;
  }
}
