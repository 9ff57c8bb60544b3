package dev.orca.control;

import dev.orca.model.KubeObject;
import dev.orca.model.Namespace;
import dev.orca.model.NamespaceStatus;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectEvent;
import dev.orca.store.ObjectEvent.ObjectUpdated;
import dev.orca.store.ObjectKey;
import dev.orca.store.StoredObject;
import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/** A namespace: Active, or Terminating while everything in it is deleted; gone when it is empty. */
public final class NamespaceEntity extends ObjectEntity {

  private NamespaceEntity(ActorContext<Command> context, TimerScheduler<Command> timers, ObjectKey key,
      ControlSettings settings) {
    super(context, timers, key, settings);
  }

  public static void init(ClusterSharding sharding, ControlSettings settings) {
    Entities.init(sharding, ResourceType.NAMESPACE, settings, NamespaceEntity::new);
  }

  @Override
  protected Duration resyncInterval() {
    return null;
  }

  @Override
  protected KubeObject onCreate(KubeObject object) {
    return ((Namespace) object).withStatus(new NamespaceStatus("Active"));
  }

  @Override
  protected ReplyEffect<ObjectEvent, State> reconcile(KubeObject object) {
    return Effect().noReply();
  }

  @Override
  protected boolean readyToVanish(KubeObject object) {
    return cache.inNamespace(key.name()).isEmpty();
  }

  @Override
  protected ReplyEffect<ObjectEvent, State> deletingReconcile(KubeObject object) {
    for (StoredObject s : cache.inNamespace(key.name())) {
      if (!s.object().metadata().isDeleting()) {
        Entities.tell(sharding, s.key(), new Delete("Background", null, context.getSystem().ignoreRef()));
      }
    }
    timers.startSingleTimer("drain", new Reconcile(), Duration.ofMillis(500));
    Namespace ns = (Namespace) object;
    if (ns.status() == null || !"Terminating".equals(ns.status().phase())) {
      return persist(new ObjectUpdated(ns.withStatus(new NamespaceStatus("Terminating"))));
    }
    return Effect().noReply();
  }
}
