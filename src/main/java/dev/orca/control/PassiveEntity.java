package dev.orca.control;

import dev.orca.model.KubeObject;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectEvent;
import dev.orca.store.ObjectKey;
import java.time.Duration;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * An object that is stored and served with nothing of its own to reconcile: Services (the
 * endpoints controller and the proxies act on them), Endpoints, EndpointSlices, Events.
 */
public final class PassiveEntity extends ObjectEntity {

  private PassiveEntity(ActorContext<Command> context, TimerScheduler<Command> timers, ObjectKey key,
      ControlSettings settings) {
    super(context, timers, key, settings);
  }

  public static void init(ClusterSharding sharding, ResourceType type, ControlSettings settings) {
    Entities.init(sharding, type, settings, PassiveEntity::new);
  }

  /** Objects of the kind leave the heap after {@code idle} without a message (Events: written once). */
  public static void init(ClusterSharding sharding, ResourceType type, ControlSettings settings,
      org.apache.pekko.actor.typed.ActorSystem<?> system, Duration idle) {
    Entities.init(sharding, type, settings, PassiveEntity::new, system, idle);
  }

  @Override
  protected Duration resyncInterval() {
    return null;
  }

  @Override
  protected ReplyEffect<ObjectEvent, State> reconcile(KubeObject object) {
    return Effect().noReply();
  }
}
