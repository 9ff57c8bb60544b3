package dev.orca.control;

import dev.orca.control.replicaset.ReplicaSetPlan;
import dev.orca.control.replicaset.ReplicaSetReconciler;
import dev.orca.model.KubeObject;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectEvent;
import dev.orca.store.ObjectEvent.ObjectUpdated;
import dev.orca.store.ObjectKey;
import java.security.SecureRandom;
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
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration EXPECTATION_TIMEOUT = Duration.ofMinutes(1);

  private final Map<String, Instant> pendingCreates = new HashMap<>();
  private final Map<String, Instant> pendingDeletes = new HashMap<>();
  private static final String COMPONENT = "replicaset-controller";
  private ReplicaSet lastSeen;

  private ReplicaSetEntity(ActorContext<Command> context, TimerScheduler<Command> timers, ObjectKey key,
      ControlSettings settings) {
    super(context, timers, key, settings);
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
    settleExpectations(pods, now);
    ReplicaSetPlan plan = ReplicaSetReconciler.reconcile(rs, pods, pendingCreates.keySet(), pendingDeletes.keySet(),
        now, ReplicaSetEntity::suffix);
    for (Pod pod : plan.create()) {
      pendingCreates.put(pod.metadata().name(), now);
      writeChild(ObjectKey.of(pod), replyTo -> new Create(pod, replyTo));
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
    if (plan.statusChanged(rs.status())) {
      return persist(new ObjectUpdated(rs.withStatus(plan.status())));
    }
    return Effect().noReply();
  }

  @Override
  protected void onChildWritten(String childName, WriteResult result) {
    if (result instanceof Rejected) {
      pendingCreates.remove(childName);
    } else if (lastSeen != null) {
      EventRecorder.get(context.getSystem()).record(lastSeen, EventRecorder.NORMAL, "SuccessfulCreate",
          "Created pod: " + childName, COMPONENT);
    }
  }

  /** Creates seen (or long overdue) and deletes done are no longer expected. */
  private void settleExpectations(List<Pod> pods, Instant now) {
    Set<String> visible = new HashSet<>();
    Set<String> going = new HashSet<>();
    for (Pod pod : pods) {
      visible.add(pod.metadata().name());
      if (pod.metadata().isDeleting()) {
        going.add(pod.metadata().name());
      }
    }
    pendingCreates.entrySet().removeIf(e -> visible.contains(e.getKey()) || e.getValue().plus(EXPECTATION_TIMEOUT).isBefore(now));
    pendingDeletes.entrySet().removeIf(e -> !visible.contains(e.getKey()) || going.contains(e.getKey())
        || e.getValue().plus(EXPECTATION_TIMEOUT).isBefore(now));
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
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
