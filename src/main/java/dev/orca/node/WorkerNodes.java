package dev.orca.node;

import dev.orca.CborSerializable;
import dev.orca.control.Entities;
import dev.orca.control.MemberLiveness;
import dev.orca.control.NodeEntity;
import dev.orca.control.ObjectEntity;
import dev.orca.model.Node;
import dev.orca.model.NodeAddress;
import dev.orca.model.NodeSpec;
import dev.orca.model.NodeStatus;
import dev.orca.model.NodeSystemInfo;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.ResourceType;
import dev.orca.node.probe.ProbeTiming;
import dev.orca.node.probe.Probers;
import dev.orca.node.runtime.ContainerRuntime;
import dev.orca.store.Change;
import dev.orca.store.ObjectKey;
import dev.orca.store.StoredObject;
import dev.orca.store.Store;
import dev.orca.store.WatchCache;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The worker side of one JVM: the node agents it runs and the routing of each pod change to the
 * agent of the pod's node. It starts the configured number of simulated nodes, an agent for every
 * Node object created with the annotation {@code orca.dev/simulated: "true"} (as KWOK does) that it
 * claims, and any node it is asked to run with another runtime (the local machine's process node).
 *
 * <p>In a cluster every worker member sees every Node. A simulated node names the worker that runs
 * it ({@link #OWNER_ANNOTATION}, {@link NodeEntity#MEMBER_ANNOTATION}); one created through the API
 * names none, and each worker that sees it claims it: an update of the node with its own prefix and
 * address, made only if the node is still at the version the worker read. One claim lands, the
 * others conflict, and the workers that lost see the node name the winner and leave it. The agent
 * starts when the read side shows the node naming this worker ({@link NodeClaim}), never on the
 * strength of a claim alone. The member's address on the node is what ends the node's lease at once
 * when that member is downed ({@link dev.orca.control.MemberLossWatch}).
 */
public final class WorkerNodes extends AbstractBehavior<WorkerNodes.Command> {
  public static final String ANNOTATION = "orca.dev/simulated";
  /**
   * The name prefix of the worker that runs a simulated node: on its own configured nodes, and on
   * an API-created node once it claimed it. In a cluster every member sees the others' simulated
   * nodes in the journal; without this each would run an agent for all of them, and a dead
   * member's nodes would go on heartbeating from the survivors.
   */
  public static final String OWNER_ANNOTATION = NodeEntity.OWNER_ANNOTATION;

  /**
   * Every worker member's one entry in the receptionist: a node's agent is found by asking the
   * worker of the node's member ({@link AgentDirectory}). One key per member, not one per node: the
   * cluster receptionist replicates its keys by gossip, and 5,000 node keys cost three members a
   * fifth of their CPU in that gossip (bench/results, 3 members at 5,000 nodes).
   */
  public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "orca-workers");

  public sealed interface Command {}

  /** Which agent runs the node here, if one does; asked by the API of any member. */
  public record FindAgent(String node, ActorRef<AgentFound> replyTo) implements Command, CborSerializable {}

  /** The agent of the node in this worker's JVM, or null when none runs it here. */
  public record AgentFound(String node, ActorRef<NodeAgent.Command> agent) implements CborSerializable {}

  private record NodeAnnounced(StoredObject node) implements Command {}

  /** This member is Up: its view of the cluster tells which members live, so it may claim nodes. */
  private record SelfUp() implements Command {}

  /** The node's entity answered a claim (result), or did not in time (failure). */
  private record ClaimAnswered(ObjectKey node, long expectedSequenceNr, ObjectEntity.WriteResult result, Throwable failure)
      implements Command {}

  /** Look at a node again after a claim of it failed. */
  private record LookAgain(ObjectKey node) implements Command {}

  /** Run a node with this runtime (the process node). */
  public record StartNode(Node node, ContainerRuntime runtime) implements Command {}

  /**
   * Chaos: stop the agent of a node this JVM runs ({@code running=false}) as if it crashed — its
   * pod runners and their containers stop with it — or start it again; answers false when this JVM
   * does not run the node. Stopping a stopped agent or starting a running one does nothing.
   */
  public record SetAgentRunning(String node, boolean running, ActorRef<Boolean> replyTo) implements Command {}

  /** Stop every agent: the JVM is shutting down. */
  public record Stop(ActorRef<org.apache.pekko.Done> replyTo) implements Command {}

  private final ContainerRuntime runtime;
  private final NodeSettings settings;
  private final TimerScheduler<Command> timers;
  private final Store store;
  private final ClusterSharding sharding;
  /** This member's address, as the cluster's membership and {@link NodeEntity#MEMBER_ANNOTATION} name it. */
  private final String address;
  private final Map<String, ActorRef<NodeAgent.Command>> agents = new ConcurrentHashMap<>();
  /** How each agent was started, so that one stopped by chaos can start again the same way. */
  private final Map<String, StartNode> started = new HashMap<>();
  /** Nodes whose agent chaos stopped: not adopted again until chaos starts it. */
  private final java.util.Set<String> stoppedByChaos = new java.util.HashSet<>();
  /** The configured simulated nodes: this worker's by configuration, run whatever their annotations say. */
  private final java.util.Set<String> configured = new java.util.HashSet<>();
  /**
   * Claims sent, by node: the read side's versions of the node below this sequence number predate
   * the claim's outcome, and are not looked at (the claim's own event, or the write that beat it,
   * comes after them).
   */
  private final Map<String, Long> claims = new HashMap<>();
  /** Claims that failed in a row, by node: the next one waits longer. */
  private final Map<String, Integer> failedClaims = new HashMap<>();
  private boolean up;
  private int generation;
  private final WatchCache.Subscription subscription;
  private Probers probers;

  private WorkerNodes(ActorContext<Command> context, TimerScheduler<Command> timers, ContainerRuntime runtime,
      NodeSettings settings, int count) {
    super(context);
    this.runtime = runtime;
    this.settings = settings;
    this.timers = timers;
    this.store = Store.get(context.getSystem());
    this.sharding = ClusterSharding.get(context.getSystem());
    Cluster cluster = Cluster.get(context.getSystem());
    this.address = cluster.selfMember().address().toString();
    cluster.subscriptions().tell(Subscribe.create(
        context.messageAdapter(org.apache.pekko.cluster.typed.SelfUp.class, event -> new SelfUp()),
        org.apache.pekko.cluster.typed.SelfUp.class));
    LocalAgents.get(context.getSystem()).workers(context.getSelf());
    context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
    this.subscription = store.cache().subscribe(this::route);
    for (int i = 1; i <= count; i++) {
      configured.add(settings.simulatedNamePrefix() + i);
    }
    for (StoredObject s : store.cache().all(ResourceType.NODE)) {
      onNodeObject(s);
    }
    for (int i = 1; i <= count; i++) {
      String name = settings.simulatedNamePrefix() + i;
      if (!agents.containsKey(name)) {
        Node simulated = node(name, settings.cpu(), settings.memory(), settings.pods(), Map.of());
        simulated = new Node(simulated.apiVersion(), simulated.kind(), simulated.metadata().withAnnotations(
            Map.of(ANNOTATION, "true", OWNER_ANNOTATION, settings.simulatedNamePrefix(), NodeEntity.MEMBER_ANNOTATION,
                address)),
            simulated.spec(), simulated.status());
        if (!settings.simulatedTaints().isEmpty()) {
          simulated = new Node(simulated.apiVersion(), simulated.kind(), simulated.metadata(),
              new NodeSpec(null, settings.simulatedTaints(), null, null), simulated.status());
        }
        startAgent(simulated);
      }
    }
  }

  public static Behavior<Command> create(ContainerRuntime runtime, NodeSettings settings, int count) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new WorkerNodes(context, timers, runtime, settings, count)));
  }

  /**
   * Runs on the journal tail's thread: only routes, never blocks. A node change is announced when
   * this worker may have something to do about it: start or claim a node it does not run, or stop
   * one that now names another worker.
   */
  private boolean route(Change change) {
    StoredObject latest = change.latest();
    if (latest.object() instanceof Pod pod && pod.spec() != null && pod.spec().nodeName() != null) {
      ActorRef<NodeAgent.Command> agent = agents.get(pod.spec().nodeName());
      if (agent != null) {
        agent.tell(new NodeAgent.PodChanged(change.key(), change.current() == null ? null : (Pod) change.current().object()));
      }
    } else if (change.current() != null && change.current().object() instanceof Node node && simulated(node)) {
      Map<String, String> annotations = node.metadata().annotationsOrEmpty();
      String owner = annotations.get(OWNER_ANNOTATION);
      boolean running = agents.containsKey(node.metadata().name());
      if (running ? !address.equals(annotations.get(NodeEntity.MEMBER_ANNOTATION))
          : owner == null || owner.equals(settings.simulatedNamePrefix())) {
        getContext().getSelf().tell(new NodeAnnounced(change.current()));
      }
    }
    return true;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(NodeAnnounced.class, this::onNodeAnnounced)
        .onMessage(SelfUp.class, this::onSelfUp)
        .onMessage(ClaimAnswered.class, this::onClaimAnswered)
        .onMessage(LookAgain.class, this::onLookAgain)
        .onMessage(StartNode.class, this::onStartNode)
        .onMessage(SetAgentRunning.class, this::onSetAgentRunning)
        .onMessage(FindAgent.class, this::onFindAgent)
        .onMessage(Stop.class, this::onStop)
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, this::onPostStop)
        .build();
  }

  private Behavior<Command> onNodeAnnounced(NodeAnnounced m) {
    onNodeObject(m.node());
    return this;
  }

  /** Claims wait for this: before it, a member not yet in this member's view would look gone. */
  private Behavior<Command> onSelfUp(SelfUp m) {
    up = true;
    for (StoredObject s : store.cache().all(ResourceType.NODE)) {
      onNodeObject(s);
    }
    return this;
  }

  private Behavior<Command> onStartNode(StartNode m) {
    if (!agents.containsKey(m.node().metadata().name())) {
      startAgent(m.node(), m.runtime());
    }
    return this;
  }

  private Behavior<Command> onStop(Stop m) {
    m.replyTo().tell(org.apache.pekko.Done.getInstance());
    return Behaviors.stopped();
  }

  private Behavior<Command> onPostStop(org.apache.pekko.actor.typed.PostStop signal) {
    subscription.close();
    LocalAgents.get(getContext().getSystem()).clear();
    if (probers != null) {
      probers.shutdown();
    }
    return this;
  }

  private static boolean simulated(Node node) {
    return "true".equals(node.metadata().annotationsOrEmpty().get(ANNOTATION));
  }

  /** Level-triggered: what the node's annotations say of who runs it, against what this worker runs. */
  private void onNodeObject(StoredObject stored) {
    Node node = (Node) stored.object();
    String name = node.metadata().name();
    if (!simulated(node) || stoppedByChaos.contains(name)) {
      return;
    }
    Long claimed = claims.get(name);
    if (claimed != null && stored.sequenceNr() < claimed) {
      return;
    }
    claims.remove(name);
    NodeClaim claim = NodeClaim.of(node.metadata().annotationsOrEmpty(), settings.simulatedNamePrefix(), address,
        this::liveness);
    if (claim != NodeClaim.CLAIM) {
      failedClaims.remove(name);
    }
    boolean running = agents.containsKey(name);
    if (claim == NodeClaim.RUN && !running && !node.metadata().isDeleting()) {
      getContext().getLog().info("running the agent of node {}, which names this member", name);
      startAgent(adopted(node));
    } else if (claim == NodeClaim.CLAIM && up && !node.metadata().isDeleting() && !configured.contains(name)) {
      // a configured node is this worker's by configuration: its agent's registration names this member
      claim(stored);
    } else if (claim == NodeClaim.ELSEWHERE && running && !configured.contains(name)) {
      getContext().getLog().warn("stopping the agent of node {}: it now names member {} ({})", name,
          node.metadata().annotationsOrEmpty().get(NodeEntity.MEMBER_ANNOTATION),
          node.metadata().annotationsOrEmpty().get(OWNER_ANNOTATION));
      stopAgent(name);
    }
  }

  private MemberLiveness liveness(String member) {
    org.apache.pekko.cluster.ClusterEvent.CurrentClusterState state = Cluster.get(getContext().getSystem()).state();
    return MemberLiveness.of(member, state.getMembers(), state.getUnreachable());
  }

  /**
   * Asks the node's entity to name this worker on the node, if the node is still at the version
   * read; the outcome comes back as {@link ClaimAnswered}, the agent with the claim's event.
   */
  private void claim(StoredObject stored) {
    Node node = (Node) stored.object();
    Map<String, String> annotations = new LinkedHashMap<>(node.metadata().annotationsOrEmpty());
    annotations.put(OWNER_ANNOTATION, settings.simulatedNamePrefix());
    annotations.put(NodeEntity.MEMBER_ANNOTATION, address);
    Node claimed = node.withMetadata(node.metadata().withAnnotations(annotations));
    long expected = stored.sequenceNr();
    claims.put(node.metadata().name(), expected + 1);
    getContext().ask(ObjectEntity.WriteResult.class, Entities.ref(sharding, stored.key()), settings.claimTimeout(),
        replyTo -> new ObjectEntity.Update(claimed, expected, false, replyTo),
        (result, failure) -> new ClaimAnswered(stored.key(), expected, result, failure));
  }

  private Behavior<Command> onClaimAnswered(ClaimAnswered m) {
    String name = m.node().name();
    if (m.result() instanceof ObjectEntity.Accepted accepted) {
      failedClaims.remove(name);
      getContext().getLog().info("claimed node {}", name);
      // the agent starts when the claim's event reaches the read side (unless it already has)
      claims.computeIfPresent(name, (n, seq) -> accepted.sequenceNr());
      return this;
    }
    claims.remove(name);
    StoredObject now = store.cache().get(m.node());
    Integer code = m.result() instanceof ObjectEntity.Rejected rejected ? rejected.status().code() : null;
    if (code != null && (code == 409 || code == 404)) {
      // another write came first (another worker's claim, most likely): it names the winner, or is
      // still to reach the read side and will be announced when it does
      failedClaims.remove(name);
      if (now != null && now.sequenceNr() > m.expectedSequenceNr()) {
        onNodeObject(now);
      }
      return this;
    }
    int failed = failedClaims.merge(name, 1, Integer::sum);
    Duration delay = backoff(failed);
    getContext().getLog().warn("claiming node {} failed ({}); looking at it again in {}", name,
        m.failure() != null ? m.failure().toString() : ((ObjectEntity.Rejected) m.result()).status().message(), delay);
    timers.startSingleTimer("claim-" + name, new LookAgain(m.node()), delay);
    return this;
  }

  /** {@code claim-retry-min} doubling with each failure in a row, up to {@code claim-retry-max}. */
  private Duration backoff(int failed) {
    Duration delay = settings.claimRetryMin().multipliedBy(1L << Math.min(failed - 1, 20));
    return delay.compareTo(settings.claimRetryMax()) > 0 ? settings.claimRetryMax() : delay;
  }

  private Behavior<Command> onLookAgain(LookAgain m) {
    StoredObject now = store.cache().get(m.node());
    if (now == null) {
      failedClaims.remove(m.node().name());
    } else {
      onNodeObject(now);
    }
    return this;
  }

  /** The agent's view of an adopted node: its capacity, labels and spec as created. */
  private Node adopted(Node node) {
    Map<String, String> capacity = node.status() != null && node.status().capacity() != null
        ? node.status().capacity() : Map.of();
    return node(node.metadata().name(), capacity.getOrDefault("cpu", settings.cpu()),
        capacity.getOrDefault("memory", settings.memory()),
        Integer.parseInt(capacity.getOrDefault("pods", Integer.toString(settings.pods()))),
        node.metadata().labelsOrEmpty()).withSpec(node.spec());
  }

  private void startAgent(Node node) {
    startAgent(node, runtime);
  }

  private void startAgent(Node node, ContainerRuntime runtime) {
    String name = node.metadata().name();
    Probers forNode = null;
    if (runtime.runsProbes()) {
      if (probers == null) {
        probers = Probers.create(ProbeTiming.REAL);
      }
      forNode = probers;
    }
    stoppedByChaos.remove(name);
    // a new name for an agent started again: the stopped one's may not be free yet
    String actorName = "agent-" + name + (started.containsKey(name) ? "-" + (++generation) : "");
    ActorRef<NodeAgent.Command> agent = getContext().spawn(NodeAgent.create(node, runtime, settings, forNode), actorName);
    agents.put(name, agent);
    started.put(name, new StartNode(node, runtime));
    LocalAgents.get(getContext().getSystem()).add(name, agent);
  }

  private void stopAgent(String name) {
    ActorRef<NodeAgent.Command> agent = agents.remove(name);
    LocalAgents.get(getContext().getSystem()).remove(name, agent);
    getContext().stop(agent);
  }

  private Behavior<Command> onFindAgent(FindAgent m) {
    m.replyTo().tell(new AgentFound(m.node(), agents.get(m.node())));
    return this;
  }

  private Behavior<Command> onSetAgentRunning(SetAgentRunning m) {
    ActorRef<NodeAgent.Command> agent = agents.get(m.node());
    if (!m.running() && agent != null) {
      getContext().getLog().warn("chaos: stopping the agent of node {} as if it crashed", m.node());
      stopAgent(m.node());
      stoppedByChaos.add(m.node());
      m.replyTo().tell(true);
    } else if (m.running() && agent == null && stoppedByChaos.contains(m.node()) && started.containsKey(m.node())) {
      getContext().getLog().warn("chaos: starting the agent of node {} again", m.node());
      StartNode how = started.get(m.node());
      startAgent(how.node(), how.runtime());
      m.replyTo().tell(true);
    } else {
      m.replyTo().tell(agent != null || stoppedByChaos.contains(m.node()));
    }
    return this;
  }

  /** The local machine as a node: its cores and memory, for the process runtime. */
  public static Node processNode(String name) {
    long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize();
    Node node = node(name, Integer.toString(Runtime.getRuntime().availableProcessors()), Long.toString(memory), 110,
        Map.of("type", "process"));
    return node.withMetadata(node.metadata().withAnnotations(null));
  }

  /** A simulated node's object as its agent announces it. */
  static Node node(String name, String cpu, String memory, int pods, Map<String, String> extraLabels) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("type", "simulated");
    labels.putAll(extraLabels);
    Map<String, String> capacity = new HashMap<>();
    capacity.put("cpu", cpu);
    capacity.put("memory", memory);
    capacity.put("pods", Integer.toString(pods));
    ObjectMeta meta = ObjectMeta.named(null, name).withLabels(labels).withAnnotations(Map.of(ANNOTATION, "true"));
    NodeStatus status = new NodeStatus(capacity, capacity, null,
        java.util.List.of(new NodeAddress("InternalIP", "127.0.0.1"), new NodeAddress("Hostname", name)),
        new NodeSystemInfo(null, null, null, null, "Orca simulated node", "orca-sim://0.1", "v1.32.0-orca", null,
            "linux", "amd64"));
    return new Node(Node.API_VERSION, Node.KIND, meta, new NodeSpec(null, null, null, null), status);
  }
}
