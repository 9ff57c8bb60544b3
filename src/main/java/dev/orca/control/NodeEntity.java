package dev.orca.control;

import dev.orca.model.KubeObject;
import dev.orca.model.Node;
import dev.orca.model.NodeCondition;
import dev.orca.model.NodeStatus;
import dev.orca.model.Pod;
import dev.orca.model.PodResources;
import dev.orca.model.Quantity;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectEvent;
import dev.orca.store.ObjectEvent.ObjectCreated;
import dev.orca.store.ObjectEvent.ObjectDeleted;
import dev.orca.store.ObjectEvent.ObjectUpdated;
import dev.orca.store.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilderByState;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * A node: capacity, labels, taints, conditions and its lease. The node agent renews the lease in
 * memory (never persisted); a lease older than the grace period makes the node's Ready condition
 * Unknown, and after the eviction delay its pods are lost. The node also admits bindings,
 * re-checking capacity so that a stale scheduler snapshot cannot overcommit it.
 */
public final class NodeEntity extends ObjectEntity {

  /** The node agent announces the node: created if new, its status refreshed otherwise. */
  public record Register(Node node) implements Command {}

  /** The node agent is alive. */
  public record Heartbeat() implements Command {}

  /**
   * On a node: the address of the cluster member whose agent runs it, so that the member's removal
   * (the Split Brain Resolver's verdict that it is dead) ends the node's lease at once.
   */
  public static final String MEMBER_ANNOTATION = "orca.dev/member";

  /**
   * On a simulated node: the name prefix of the worker member that runs its agent
   * ({@code dev.orca.node.WorkerNodes}). With {@link #MEMBER_ANNOTATION} it is the worker's claim of
   * the node, which an update that leaves both out (a {@code kubectl replace} of the manifest the
   * node was created from) keeps: dropped, every worker would claim the node again.
   */
  public static final String OWNER_ANNOTATION = "orca.dev/simulated-by";

  /** The member running this node's agent was downed (and perhaps removed since): the lease ends now. */
  public record MemberRemoved(String address) implements Command {}

  /** May this pod, with these requests, run here? */
  public record Admit(String podEntityId, long milliCpu, long memory, ActorRef<AdmitResult> replyTo) implements Command {}

  /** The answer to {@link Admit}. */
  public sealed interface AdmitResult extends dev.orca.CborSerializable {}

  public record Admitted() implements AdmitResult {}

  public record NotAdmitted(String reason) implements AdmitResult {}

  private record Reservation(long milliCpu, long memory, Instant at) {}

  private final Map<String, Reservation> reservations = new HashMap<>();
  /** The lease: when the agent was last heard, whether its member was downed (see {@link NodeLease}). */
  private final NodeLease lease;
  /**
   * When this JVM started, to the millisecond (the actor system's uptime is in whole seconds, and
   * a node registered in the first second after the start looked older than the start: its lease
   * then waited out the startup grace, and NodeFailureTest failed in CI).
   */
  private static final Instant JVM_STARTED =
      Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());

  private Boolean readyReported;
  /** The pacing let this node's pods be lost (until it is Ready again). */
  private boolean evictionPermitted;
  private boolean startupGraceApplied;
  private Boolean schedulableReported;

  private NodeEntity(ActorContext<Command> context, TimerScheduler<Command> timers, ObjectKey key,
      ControlSettings settings) {
    super(context, timers, key, settings);
    this.lease = new NodeLease(settings, Instant.now());
  }

  public static void init(ClusterSharding sharding, ControlSettings settings) {
    Entities.init(sharding, ResourceType.NODE, settings, NodeEntity::new);
  }

  /** A worker's claim of the node stays, unless the update names a worker itself. */
  @Override
  protected KubeObject onUpdate(KubeObject current, KubeObject next) {
    Map<String, String> claim = current.metadata().annotationsOrEmpty();
    Map<String, String> proposed = next.metadata().annotationsOrEmpty();
    if (!claim.containsKey(OWNER_ANNOTATION) || proposed.containsKey(OWNER_ANNOTATION)
        || proposed.containsKey(MEMBER_ANNOTATION)) {
      return next;
    }
    Map<String, String> annotations = new java.util.LinkedHashMap<>(proposed);
    annotations.put(OWNER_ANNOTATION, claim.get(OWNER_ANNOTATION));
    if (claim.containsKey(MEMBER_ANNOTATION)) {
      annotations.put(MEMBER_ANNOTATION, claim.get(MEMBER_ANNOTATION));
    }
    return next.withMetadata(next.metadata().withAnnotations(annotations));
  }

  @Override
  protected Duration resyncInterval() {
    return Duration.ofSeconds(1);
  }

  @Override
  protected void kindCommands(CommandHandlerWithReplyBuilderByState<Command, ObjectEvent, State, State> builder) {
    builder
        .onCommand(Register.class, this::onRegister)
        .onCommand(Heartbeat.class, this::onHeartbeat)
        .onCommand(MemberRemoved.class, this::onMemberRemoved)
        .onCommand(Admit.class, this::onAdmit);
  }

  private ReplyEffect<ObjectEvent, State> onRegister(State state, Register cmd) {
    lease.registered(Instant.now()); // an agent announces the node: its member (a new incarnation at that address) lives
    Node announced = cmd.node();
    if (!state.exists()) {
      Node node = announced.withStatus(withReady(announced.status(), true));
      return persist(new ObjectCreated(node.withMetadata(node.metadata()
          .withUid(java.util.UUID.randomUUID().toString()).withCreationTimestamp(now()).withGeneration(1L))));
    }
    Node current = (Node) state.object();
    NodeStatus refreshed = withReady(new NodeStatus(announced.status().capacity(), announced.status().allocatable(),
        current.status() == null ? null : current.status().conditions(), announced.status().addresses(),
        announced.status().nodeInfo()), true);
    Node registered = withRunner(current, announced);
    if (refreshed.equals(current.status()) && registered == current) {
      return Effect().noReply();
    }
    return persist(new ObjectUpdated(registered.withStatus(refreshed)));
  }

  /**
   * The node naming the agent that registers it: the worker and member it announces (a member
   * restarted at a new address runs its configured nodes from there); the node as it was when the
   * announcement names no runner or the same one.
   */
  private static Node withRunner(Node current, Node announced) {
    Map<String, String> announcedAnnotations = announced.metadata().annotationsOrEmpty();
    Map<String, String> annotations = new java.util.LinkedHashMap<>(current.metadata().annotationsOrEmpty());
    boolean changed = false;
    for (String key : List.of(MEMBER_ANNOTATION, OWNER_ANNOTATION)) {
      String value = announcedAnnotations.get(key);
      if (value != null && !value.equals(annotations.get(key))) {
        annotations.put(key, value);
        changed = true;
      }
    }
    return changed ? current.withMetadata(current.metadata().withAnnotations(annotations)) : current;
  }

  private ReplyEffect<ObjectEvent, State> onHeartbeat(State state, Heartbeat cmd) {
    lease.heartbeat(Instant.now());
    if (state.exists() && !isReady((Node) state.object())) {
      Node node = (Node) state.object();
      return persist(new ObjectUpdated(node.withStatus(withReady(node.status(), true))));
    }
    return Effect().noReply();
  }

  private ReplyEffect<ObjectEvent, State> onMemberRemoved(State state, MemberRemoved cmd) {
    if (!state.exists() || !cmd.address().equals(state.object().metadata().annotationsOrEmpty().get(MEMBER_ANNOTATION))) {
      return Effect().noReply();
    }
    MemberLiveness member = memberLiveness((Node) state.object());
    if (member == MemberLiveness.UP || member == MemberLiveness.UNREACHABLE) {
      // a late notice: a new incarnation at that address has joined since (cluster restart)
      return Effect().noReply();
    }
    endLease(Instant.now());
    return reconcile(state.object());
  }

  private ReplyEffect<ObjectEvent, State> onAdmit(State state, Admit cmd) {
    if (!state.exists() || state.object().metadata().isDeleting()) {
      return Effect().reply(cmd.replyTo(), new NotAdmitted("node " + key.name() + " does not exist"));
    }
    Node node = (Node) state.object();
    if (!isReady(node)) {
      return Effect().reply(cmd.replyTo(), new NotAdmitted("node " + key.name() + " is not ready"));
    }
    MemberLiveness member = memberLiveness(node);
    if (member == MemberLiveness.UNREACHABLE || member == MemberLiveness.GONE || member == MemberLiveness.LEAVING) {
      // its lease may not have run out yet, but a pod bound here now would only be lost again
      return Effect().reply(cmd.replyTo(), new NotAdmitted("node " + key.name() + "'s member is " + member));
    }
    List<Pod> pods = cache.podsOnNode(key.name());
    reservations.keySet().removeIf(podId -> pods.stream().anyMatch(p -> podId.equals(p.metadata().namespace() + "/" + p.metadata().name())));
    reservations.values().removeIf(r -> r.at().isBefore(Instant.now().minusSeconds(30)));
    long cpu = cmd.milliCpu();
    long memory = cmd.memory();
    int count = 1;
    for (Pod pod : pods) {
      if (!PodResources.isTerminal(pod)) {
        cpu += PodResources.requestedMilliCpu(pod.spec());
        memory += PodResources.requestedMemory(pod.spec());
        count++;
      }
    }
    for (Reservation r : reservations.values()) {
      cpu += r.milliCpu();
      memory += r.memory();
      count++;
    }
    Map<String, String> allocatable = allocatable(node);
    if (cpu > Quantity.milliValue(allocatable.getOrDefault("cpu", "0"))) {
      return Effect().reply(cmd.replyTo(), new NotAdmitted("Insufficient cpu"));
    }
    if (memory > Quantity.value(allocatable.getOrDefault("memory", "0"))) {
      return Effect().reply(cmd.replyTo(), new NotAdmitted("Insufficient memory"));
    }
    if (count > Quantity.value(allocatable.getOrDefault("pods", "110"))) {
      return Effect().reply(cmd.replyTo(), new NotAdmitted("Too many pods"));
    }
    reservations.put(cmd.podEntityId(), new Reservation(cmd.milliCpu(), cmd.memory(), Instant.now()));
    return Effect().reply(cmd.replyTo(), new Admitted());
  }

  /**
   * Once, for a node that existed before this JVM started: its lease does not run out within
   * {@code orca.node.startup-grace} of the moment this JVM's read side caught up with the journal
   * (kube-controller-manager's --node-startup-grace-period). After a restart of the control plane,
   * recovering every object delays the agents' first heartbeats; a node is not lost for that. A
   * node registered since (a test's, or a new one's) has its own lease from the first; a survivor
   * that takes over a dead member's nodes has been up for longer, so failover is not slowed.
   */
  private void applyStartupGrace(Node node) {
    if (startupGraceApplied) {
      return;
    }
    startupGraceApplied = true;
    if (createdBefore(node, JVM_STARTED)) {
      lease.existedBefore(controlStarted());
    }
  }

  /** When this JVM's read side caught up with the journal: its control plane could act from then. */
  private Instant controlStarted() {
    Instant caughtUp = cache.caughtUpAt();
    return caughtUp != null ? caughtUp : Instant.now();
  }

  @Override
  protected void onRecovered() {
    lease.recovered(Instant.now());
  }

  private static boolean createdBefore(Node node, Instant when) {
    try {
      String created = node.metadata().creationTimestamp();
      return created != null && Instant.parse(created).isBefore(when);
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /**
   * The lease check: Ready turns Unknown after the grace period, pods are lost after the eviction
   * delay. The member running the node's agent bounds both ways: once the cluster has downed it
   * the lease ends at once (as on its removal), and while it is unreachable but not downed its
   * pods are not declared lost, however old the lease — it may be paused or cut off with its pods
   * still running, and only the Split Brain Resolver's verdict (it then stops them) makes
   * replacing them safe.
   */
  @Override
  protected ReplyEffect<ObjectEvent, State> reconcile(KubeObject object) {
    Node node = (Node) object;
    Instant now = Instant.now();
    applyStartupGrace(node);
    MemberLiveness member = memberLiveness(node);
    if (member == MemberLiveness.GONE) {
      endLease(now);
    } else if (member == MemberLiveness.UNKNOWN && memberAddress(node) != null && createdBefore(node, JVM_STARTED)) {
      lease.awaitMember(now, controlStarted()); // its member has not joined (yet): a cluster restarting member by member
    }
    if (isReady(node) && lease.expired(now)) {
      return persist(new ObjectUpdated(node.withStatus(withReady(node.status(), false))));
    }
    if (!isReady(node) && lease.evictable(now) && member != MemberLiveness.UNREACHABLE && evictionAllowed(node, now)) {
      evictPods();
    }
    return Effect().noReply();
  }

  /**
   * Whether the pods of this node, not Ready and its lease run out, may be lost now: at once when the
   * cluster downed its agent's member; otherwise once this JVM's pacing gives the node a permit
   * ({@link NodeEvictions}), which it keeps until it is Ready again. Asked again on every resync.
   */
  private boolean evictionAllowed(Node node, Instant now) {
    if (lease.endedByMember() || evictionPermitted) {
      return true;
    }
    evictionPermitted = NodeEvictions.get(context.getSystem()).tryEvict(node, now);
    return evictionPermitted;
  }

  /**
   * The member running the node's agent was downed (or removed): the lease ends now — NotReady at
   * once, its pods lost {@code orca.node.eviction-delay-after-member-down} later.
   */
  private void endLease(Instant now) {
    if (lease.memberGone(now)) {
      Duration after = settings.nodeEvictionAfterMemberDown();
      if (!after.isZero()) {
        timers.startSingleTimer("member-down-eviction", new Reconcile(), after.plusMillis(1));
      }
    }
  }

  private static String memberAddress(Node node) {
    return node.metadata().annotationsOrEmpty().get(MEMBER_ANNOTATION);
  }

  private MemberLiveness memberLiveness(Node node) {
    String address = memberAddress(node);
    if (address == null) {
      return MemberLiveness.UNKNOWN;
    }
    org.apache.pekko.cluster.ClusterEvent.CurrentClusterState state =
        org.apache.pekko.cluster.typed.Cluster.get(context.getSystem()).state();
    return MemberLiveness.of(address, state.getMembers(), state.getUnreachable());
  }

  @Override
  protected void afterPersist(ObjectEvent event) {
    lease.blocked(writeStarted(), Instant.now());
    if (event instanceof ObjectDeleted) {
      evictPods();
      return;
    }
    Node node = (Node) event.object();
    boolean unschedulable = node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable());
    if (schedulableReported != null && schedulableReported == unschedulable) {
      String reason = unschedulable ? "NodeNotSchedulable" : "NodeSchedulable";
      EventRecorder.get(context.getSystem()).record(node, EventRecorder.NORMAL, reason,
          "Node " + key.name() + " status is now: " + reason, "kubelet");
    }
    schedulableReported = !unschedulable;
    boolean ready = isReady(node);
    if (readyReported == null || readyReported != ready) {
      if (readyReported != null || !ready) {
        EventRecorder.get(context.getSystem()).record(node, EventRecorder.NORMAL,
            ready ? "NodeReady" : "NodeNotReady", "Node " + key.name() + " status is now: " + (ready ? "NodeReady" : "NodeNotReady"),
            "node-controller");
      }
      if (!ready) { // also in a new incarnation (after a failover) that finds the node going NotReady
        markPodsNotReady();
      } else {
        evictionPermitted = false;
      }
      readyReported = ready;
    }
  }

  private void markPodsNotReady() {
    for (Pod pod : cache.podsOnNode(key.name())) {
      if (!PodResources.isTerminal(pod)) {
        Entities.tell(sharding, ObjectKey.of(pod), new PodEntity.MarkNotReady(key.name()));
      }
    }
  }

  private void evictPods() {
    for (Pod pod : cache.podsOnNode(key.name())) {
      if (!PodResources.isTerminal(pod)) {
        Entities.tell(sharding, ObjectKey.of(pod), new PodEntity.MarkLost(key.name()));
      }
    }
  }

  private static Map<String, String> allocatable(Node node) {
    if (node.status() == null) {
      return Map.of();
    }
    return node.status().allocatable() != null ? node.status().allocatable()
        : node.status().capacity() != null ? node.status().capacity() : Map.of();
  }

  static boolean isReady(Node node) {
    if (node.status() == null || node.status().conditions() == null) {
      return false;
    }
    List<NodeCondition> conditions = node.status().conditions();
    for (int i = 0; i < conditions.size(); i++) { // no stream: asked of every node often
      if ("Ready".equals(conditions.get(i).type()) && "True".equals(conditions.get(i).status())) {
        return true;
      }
    }
    return false;
  }

  private static NodeStatus withReady(NodeStatus status, boolean ready) {
    if (status != null && status.conditions() != null && status.conditions().stream()
        .anyMatch(c -> "Ready".equals(c.type()) && (ready ? "True" : "Unknown").equals(c.status()))) {
      return status;
    }
    String now = now();
    NodeCondition condition = ready
        ? new NodeCondition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now, now)
        : new NodeCondition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", now, now);
    List<NodeCondition> conditions = new ArrayList<>();
    if (status != null && status.conditions() != null) {
      for (NodeCondition c : status.conditions()) {
        if (!"Ready".equals(c.type())) {
          conditions.add(c);
        }
      }
    }
    conditions.add(condition);
    NodeStatus s = status != null ? status : new NodeStatus(null, null, null, null, null);
    return new NodeStatus(s.capacity(), s.allocatable(), conditions, s.addresses(), s.nodeInfo());
  }
}
