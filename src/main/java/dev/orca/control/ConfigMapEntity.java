package dev.orca.control;

import dev.orca.model.KubeObject;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectEvent;
import dev.orca.store.ObjectKey;
import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/** A ConfigMap: stored and served, with nothing to reconcile (the node agents read it from the watch cache). */
public final class ConfigMapEntity extends ObjectEntity {

  private ConfigMapEntity(ActorContext<Command> context, TimerScheduler<Command> timers, ObjectKey key,
      ControlSettings settings) {
    super(context, timers, key, settings);
  }

  public static void init(ClusterSharding sharding, ControlSettings settings) {
    Entities.init(sharding, ResourceType.CONFIG_MAP, settings, ConfigMapEntity::new);
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
