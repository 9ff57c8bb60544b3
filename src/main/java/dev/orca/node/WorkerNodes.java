package dev.orca.node;

import dev.orca.model.Node;
import dev.orca.model.NodeAddress;
import dev.orca.model.NodeSpec;
import dev.orca.model.NodeStatus;
import dev.orca.model.NodeSystemInfo;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.node.probe.ProbeTiming;
import dev.orca.node.probe.Probers;
import dev.orca.node.runtime.ContainerRuntime;
import dev.orca.store.Change;
import dev.orca.store.StoredObject;
import dev.orca.store.Store;
import dev.orca.store.WatchCache;
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

/**
 * The worker side of one JVM: the node agents it runs and the routing of each pod change to the
 * agent of the pod's node. It starts the configured number of simulated nodes, an agent for every
 * Node object created with the annotation {@code orca.dev/simulated: "true"} (as KWOK does), and any
 * node it is asked to run with another runtime (the local machine's process node).
 */
public final class WorkerNodes extends AbstractBehavior<WorkerNodes.Command> {
  public static final String ANNOTATION = "orca.dev/simulated";
  /**
   * On the simulated nodes a JVM starts itself: its name prefix. In a cluster every member sees the
   * others' simulated nodes in the journal; without this each would run an agent for all of them, and
   * a dead member's nodes would go on heartbeating from the survivors.
   */
  public static final String OWNER_ANNOTATION = "orca.dev/simulated-by";

  public sealed interface Command {}

  private record NodeAnnounced(Node node) implements Command {}

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
  private final Map<String, ActorRef<NodeAgent.Command>> agents = new ConcurrentHashMap<>();
  /** How each agent was started, so that one stopped by chaos can start again the same way. */
  private final Map<String, StartNode> started = new HashMap<>();
  /** Nodes whose agent chaos stopped: not adopted again until chaos starts it. */
  private final java.util.Set<String> stoppedByChaos = new java.util.HashSet<>();
  private int generation;
  private final WatchCache.Subscription subscription;
  private Probers probers;

  private WorkerNodes(ActorContext<Command> context, ContainerRuntime runtime, NodeSettings settings, int count) {
    super(context);
    this.runtime = runtime;
    this.settings = settings;
    Store store = Store.get(context.getSystem());
    LocalAgents.get(context.getSystem()).workers(context.getSelf());
    this.subscription = store.cache().subscribe(this::route);
    for (StoredObject s : store.cache().all(dev.orca.model.ResourceType.NODE)) {
      onNodeObject((Node) s.object());
    }
    for (int i = 1; i <= count; i++) {
      String name = settings.simulatedNamePrefix() + i;
      if (!agents.containsKey(name)) {
        Node simulated = node(name, settings.cpu(), settings.memory(), settings.pods(), Map.of());
        simulated = new Node(simulated.apiVersion(), simulated.kind(), simulated.metadata().withAnnotations(
            Map.of(ANNOTATION, "true", OWNER_ANNOTATION, settings.simulatedNamePrefix(), dev.orca.control.NodeEntity.MEMBER_ANNOTATION,
                org.apache.pekko.cluster.typed.Cluster.get(context.getSystem()).selfMember().address().toString())),
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
    return Behaviors.setup(context -> new WorkerNodes(context, runtime, settings, count));
  }

  /** Runs on the journal tail's thread: only routes, never blocks. */
  private boolean route(Change change) {
    StoredObject latest = change.latest();
    if (latest.object() instanceof Pod pod && pod.spec() != null && pod.spec().nodeName() != null) {
      ActorRef<NodeAgent.Command> agent = agents.get(pod.spec().nodeName());
      if (agent != null) {
        agent.tell(new NodeAgent.PodChanged(change.key(), change.current() == null ? null : (Pod) change.current().object()));
      }
    } else if (change.current() != null && change.current().object() instanceof Node node
        && adoptable(node) && !agents.containsKey(node.metadata().name())) {
      getContext().getSelf().tell(new NodeAnnounced(node));
    }
    return true;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(NodeAnnounced.class, m -> {
          onNodeObject(m.node());
          return this;
        })
        .onMessage(StartNode.class, m -> {
          if (!agents.containsKey(m.node().metadata().name())) {
            startAgent(m.node(), m.runtime());
          }
          return this;
        })
        .onMessage(SetAgentRunning.class, this::onSetAgentRunning)
        .onMessage(Stop.class, m -> {
          m.replyTo().tell(org.apache.pekko.Done.getInstance());
          return Behaviors.stopped();
        })
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, signal -> {
          subscription.close();
          LocalAgents.get(getContext().getSystem()).clear();
          if (probers != null) {
            probers.shutdown();
          }
          return this;
        })
        .build();
  }

  /** A simulated node this JVM runs: created through the API (KWOK style), or one of its own configured ones. */
  private boolean adoptable(Node node) {
    Map<String, String> annotations = node.metadata().annotationsOrEmpty();
    String owner = annotations.get(OWNER_ANNOTATION);
    return "true".equals(annotations.get(ANNOTATION)) && (owner == null || owner.equals(settings.simulatedNamePrefix()))
        && !stoppedByChaos.contains(node.metadata().name());
  }

  private void onNodeObject(Node node) {
    if (adoptable(node) && !agents.containsKey(node.metadata().name()) && !node.metadata().isDeleting()) {
      Map<String, String> capacity = node.status() != null && node.status().capacity() != null
          ? node.status().capacity() : Map.of();
      startAgent(node(node.metadata().name(), capacity.getOrDefault("cpu", settings.cpu()),
          capacity.getOrDefault("memory", settings.memory()),
          Integer.parseInt(capacity.getOrDefault("pods", Integer.toString(settings.pods()))),
          node.metadata().labelsOrEmpty()).withSpec(node.spec()));
    }
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
    // a new name for an agent started again: the stopped one's may not be free yet
    String actorName = "agent-" + name + (stoppedByChaos.remove(name) ? "-" + (++generation) : "");
    ActorRef<NodeAgent.Command> agent = getContext().spawn(NodeAgent.create(node, runtime, settings, forNode), actorName);
    agents.put(name, agent);
    started.put(name, new StartNode(node, runtime));
    LocalAgents.get(getContext().getSystem()).add(name, agent);
  }

  private Behavior<Command> onSetAgentRunning(SetAgentRunning m) {
    ActorRef<NodeAgent.Command> agent = agents.get(m.node());
    if (!m.running() && agent != null) {
      getContext().getLog().warn("chaos: stopping the agent of node {} as if it crashed", m.node());
      agents.remove(m.node());
      LocalAgents.get(getContext().getSystem()).remove(m.node(), agent);
      stoppedByChaos.add(m.node());
      getContext().stop(agent);
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
