package dev.orca.control;

import dev.orca.control.deployment.DeploymentPlan;
import dev.orca.control.deployment.DeploymentReconciler;
import dev.orca.model.Deployment;
import dev.orca.model.KubeObject;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectEvent;
import dev.orca.store.ObjectEvent.ObjectUpdated;
import dev.orca.store.ObjectKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * A Deployment: owns one ReplicaSet per pod template and rolls between them. Each sync reads its
 * ReplicaSets (with their reported statuses) from the read side and applies the pure
 * {@link DeploymentReconciler}'s plan; it waits for its own writes to its ReplicaSets to land
 * before it decides again, so it never acts twice on the same gap.
 */
public final class DeploymentEntity extends ObjectEntity {
  private static final String COMPONENT = "deployment-controller";
  private final Set<String> pendingCreates = new HashSet<>();

  private DeploymentEntity(ActorContext<Command> context, TimerScheduler<Command> timers, ObjectKey key,
      ControlSettings settings) {
    super(context, timers, key, settings);
  }

  public static void init(ClusterSharding sharding, ControlSettings settings) {
    Entities.init(sharding, ResourceType.DEPLOYMENT, settings, DeploymentEntity::new);
  }

  @Override
  protected ReplyEffect<ObjectEvent, State> reconcile(KubeObject object) {
    if (childWritesInFlight()) {
      return Effect().noReply();
    }
    Deployment deployment = (Deployment) object;
    List<ReplicaSet> owned = ReplicaSetEntity.ownedPods(
        cache.dependents(deployment.metadata().uid(), ReplicaSet.class), deployment.metadata().uid());
    owned.forEach(rs -> pendingCreates.remove(rs.metadata().name()));
    if (!pendingCreates.isEmpty()) {
      return Effect().noReply();
    }
    DeploymentPlan plan = DeploymentReconciler.reconcile(deployment, owned, Instant.now());
    EventRecorder events = EventRecorder.get(context.getSystem());
    plan.create().ifPresent(rs -> {
      pendingCreates.add(rs.metadata().name());
      int to = rs.spec().replicas() == null ? 0 : rs.spec().replicas();
      if (to > 0) {
        events.record(deployment, EventRecorder.NORMAL, "ScalingReplicaSet",
            "Scaled up replica set " + rs.metadata().name() + " from 0 to " + to, COMPONENT);
      }
      writeChild(ObjectKey.of(rs), replyTo -> new Create(rs, replyTo));
    });
    for (ReplicaSet rs : plan.update()) {
      owned.stream().filter(o -> o.metadata().name().equals(rs.metadata().name())).findFirst().ifPresent(before -> {
        int from = before.spec().replicas() == null ? 0 : before.spec().replicas();
        int to = rs.spec().replicas() == null ? 0 : rs.spec().replicas();
        if (from != to) {
          events.record(deployment, EventRecorder.NORMAL, "ScalingReplicaSet", "Scaled " + (to > from ? "up" : "down")
              + " replica set " + rs.metadata().name() + " from " + from + " to " + to, COMPONENT);
        }
      });
      writeChild(ObjectKey.of(rs), replyTo -> new Update(rs, -1, false, replyTo));
    }
    for (String name : plan.delete()) {
      Entities.tell(sharding, new ObjectKey(ResourceType.REPLICA_SET, key.namespace(), name),
          new Delete("Background", null, context.getSystem().ignoreRef()));
    }
    plan.recheckAfter().ifPresent(d -> timers.startSingleTimer("progress", new Reconcile(), d));
    Deployment next = plan.applyTo(deployment);
    if (!next.equals(deployment)) {
      return persist(new ObjectUpdated(next));
    }
    return Effect().noReply();
  }

  @Override
  protected void onChildWritten(String childName, WriteResult result) {
    if (result instanceof Rejected) {
      pendingCreates.remove(childName);
    }
  }
}
