package dev.orca.control;

import dev.orca.control.replicaset.PendingCreates;
import dev.orca.control.replicaset.ReplicaSetPlan;
import dev.orca.control.replicaset.ReplicaSetPods;
import dev.orca.control.replicaset.ReplicaSetReconciler;
import dev.orca.model.KubeObject;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectEvent;
import dev.orca.store.ObjectEvent.ObjectUpdated;
import dev.orca.store.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * A ReplicaSet: keeps exactly {@code spec.replicas} live pods. Each sync compares the pods the
 * read side shows (plus the creates and deletes still in flight — the expectations) with the
 * desired count, and applies the pure {@link ReplicaSetReconciler}'s plan.
 */
public final class ReplicaSetEntity extends ObjectEntity {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final Duration EXPECTATION_TIMEOUT = Duration.ofMinutes(1);

  private final Map<String, Instant> pendingCreates = new HashMap<>();
  private final Map<String, Instant> pendingDeletes = new HashMap<>();
  private static final String COMPONENT = "replicaset-controller";
  private ReplicaSet lastSeen;
  /** Whether this incarnation has taken over the creates its predecessors recorded ({@link PendingCreates}). */
  private boolean tookOver;
  /** Creates to send once the ReplicaSet recording them is persisted. */
  private List<Pod> toSend = List.of();
  private final ChildWriteBudget budget;
  /** Permits of the budget this incarnation holds for creates it sent and that are not answered. */
  private int permits;
  /** ... and for deletes it sent whose pods the read side does not show going yet. */
  private int deletePermits;
  /**
   * A ReplicaSet that got no permit looks again this much later, or later still if its reconcile
   * is costly (it reads all its pods; thirty of 5,000 waiting for permits would otherwise re-read
   * them four times a second each).
   */
  private static final Duration BUDGET_RETRY = Duration.ofMillis(250);

  private ReplicaSetEntity(ActorContext<Command> context, TimerScheduler<Command> timers, ObjectKey key,
      ControlSettings settings) {
    super(context, timers, key, settings);
    this.budget = ChildWriteBudget.get(context.getSystem());
  }

  public static void init(ClusterSharding sharding, ControlSettings settings) {
    Entities.init(sharding, ResourceType.REPLICA_SET, settings, ReplicaSetEntity::new);
  }

  @Override
  protected ReplyEffect<ObjectEvent, State> reconcile(KubeObject object) {
    if (childWritesInFlight()) {
      return Effect().noReply();
    }
    ReplicaSet rs = (ReplicaSet) object;
    lastSeen = rs;
    List<Pod> pods = ownedPods(cache.dependents(rs.metadata().uid(), Pod.class), rs.metadata().uid());
    Instant now = Instant.now();
    if (!tookOver) {
      tookOver = true;
      if (takeOver(rs, pods, now)) {
        return Effect().noReply(); // reconciles again once they are answered
      }
    }
    settleExpectations(pods, now);
    ReplicaSetPlan plan = withinBudget(ReplicaSetReconciler.reconcile(rs, pods, pendingCreates.keySet(),
        pendingDeletes.keySet(), now, ReplicaSetEntity::suffix, budget.available()));
    for (Pod pod : plan.create()) {
      pendingCreates.put(pod.metadata().name(), now);
    }
    for (String name : plan.delete()) {
      pendingDeletes.put(name, now);
      EventRecorder.get(context.getSystem()).record(rs, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted pod: " + name,
          COMPONENT);
      Entities.tell(sharding, new ObjectKey(ResourceType.POD, key.namespace(), name),
          new Delete("Background", null, context.getSystem().ignoreRef()));
    }
    ReplicaSetReconciler.recheckAfter(rs, pods, now)
        .ifPresent(d -> timers.startSingleTimer("availability", new Reconcile(), d.plusMillis(10)));
    // the creates about to be sent are recorded first; names seen (or given up) are dropped
    ReplicaSet next = plan.statusChanged(rs.status()) ? rs.withStatus(plan.status()) : rs;
    if (!PendingCreates.read(rs).equals(new java.util.TreeSet<>(pendingCreates.keySet()))) {
      next = PendingCreates.with(next, pendingCreates.keySet());
    }
    toSend = plan.create();
    if (!next.equals(rs)) {
      return persist(new ObjectUpdated(next)); // sends toSend in afterPersist
    }
    sendCreates();
    return Effect().noReply();
  }

  /**
   * The plan with only as many creates and deletes as this JVM's {@link ChildWriteBudget} lets out
   * now; the rest is planned again (level-triggered) once this ReplicaSet's creates are answered
   * or its deletes seen, or after {@link #BUDGET_RETRY} if it got nothing.
   */
  private ReplicaSetPlan withinBudget(ReplicaSetPlan plan) {
    int creates = budget.take(plan.create().size());
    permits += creates;
    int deletes = budget.take(plan.delete().size());
    deletePermits += deletes;
    if (creates == 0 && deletes == 0 && (plan.wantsMore() || !plan.delete().isEmpty())) {
      Duration paced = pacedDelay();
      timers.startSingleTimer("budget", new Reconcile(), paced.compareTo(BUDGET_RETRY) > 0 ? paced : BUDGET_RETRY);
    }
    if (creates == plan.create().size() && deletes == plan.delete().size()) {
      return plan;
    }
    return new ReplicaSetPlan(plan.create().subList(0, creates), plan.delete().subList(0, deletes), plan.status(),
        plan.missing());
  }

  /**
   * The creates planned with a record that failed to persist were never sent: they are not on
   * their way. What the journal does record is taken over afresh (sent again under its names).
   */
  @Override
  protected void onRecovered() {
    for (Pod pod : toSend) {
      pendingCreates.remove(pod.metadata().name());
      permits = giveBack(permits, 1);
    }
    toSend = List.of();
    tookOver = false;
  }

  @Override
  protected void afterPersist(ObjectEvent event) {
    sendCreates();
  }

  private void sendCreates() {
    for (Pod pod : toSend) {
      writeChild(ObjectKey.of(pod), replyTo -> new Create(pod, replyTo));
    }
    toSend = List.of();
  }

  /**
   * A new incarnation (after a restart, a failover or a rebalance): the creates its predecessor
   * recorded and that are not seen yet may still land, so they are expected (counted as on their
   * way), and sent again under the same names — only as many as replicas are missing, since the
   * record may be older than it looks (a Deployment's update of the ReplicaSet carries the
   * annotation as its copy had it). Whether any was sent.
   */
  private boolean takeOver(ReplicaSet rs, List<Pod> pods, Instant now) {
    Set<String> visible = new HashSet<>();
    pods.forEach(p -> visible.add(p.metadata().name()));
    long missing = ReplicaSetReconciler.desiredReplicas(rs)
        - pods.stream().filter(dev.orca.control.replicaset.Pods::isActive).count();
    boolean sent = false;
    for (String name : PendingCreates.read(rs)) {
      if (visible.contains(name)) {
        continue;
      }
      pendingCreates.putIfAbsent(name, now);
      if (missing-- > 0) {
        Pod pod = ReplicaSetPods.fromTemplate(rs, name, now);
        writeChild(ObjectKey.of(pod), replyTo -> new Create(pod, replyTo));
        sent = true;
      }
    }
    return sent;
  }

  @Override
  protected void onChildWritten(String childName, WriteResult result) {
    permits = giveBack(permits, 1);
    if (result instanceof Rejected) {
      pendingCreates.remove(childName);
    } else if (lastSeen != null) {
      EventRecorder.get(context.getSystem()).record(lastSeen, EventRecorder.NORMAL, "SuccessfulCreate",
          "Created pod: " + childName, COMPONENT);
    }
  }

  /** Creates seen (or long overdue) and deletes done are no longer expected. */
  private void settleExpectations(List<Pod> pods, Instant now) {
    if (pendingCreates.isEmpty() && pendingDeletes.isEmpty()) {
      return;
    }
    Set<String> visible = new HashSet<>();
    Set<String> going = new HashSet<>();
    for (Pod pod : pods) {
      visible.add(pod.metadata().name());
      if (pod.metadata().isDeleting()) {
        going.add(pod.metadata().name());
      }
    }
    pendingCreates.entrySet().removeIf(e -> visible.contains(e.getKey()) || e.getValue().plus(EXPECTATION_TIMEOUT).isBefore(now));
    int deleting = pendingDeletes.size();
    pendingDeletes.entrySet().removeIf(e -> !visible.contains(e.getKey()) || going.contains(e.getKey())
        || e.getValue().plus(EXPECTATION_TIMEOUT).isBefore(now));
    // a delete holds its permit until the read side shows the pod going (its first write landed)
    deletePermits = giveBack(deletePermits, deleting - pendingDeletes.size());
  }

  /** Gives {@code ended} permits back to the budget, no more than the {@code held} ones; how many are still held. */
  private int giveBack(int held, int ended) {
    int back = Math.min(held, ended);
    for (int i = 0; i < back; i++) {
      budget.release();
    }
    return held - back;
  }

  static <T extends KubeObject> List<T> ownedPods(List<T> dependents, String uid) {
    return dependents.stream().filter(o -> {
      OwnerReference ref = o.metadata().controllerRef();
      return ref != null && uid.equals(ref.uid());
    }).toList();
  }

  private static String suffix() {
    StringBuilder sb = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      sb.append(ALPHABET.charAt(java.util.concurrent.ThreadLocalRandom.current().nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
