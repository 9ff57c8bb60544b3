package dev.orca.control;

import dev.orca.fencing.CommandGate;
import dev.orca.fencing.FencedAllocation;
import dev.orca.fencing.WriterLease;
import dev.orca.model.OwnerReference;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectKey;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/** The sharded entity types, one per kind, and how to address an object's entity. */
public final class Entities {
  private static final Map<ResourceType, EntityTypeKey<ObjectEntity.Command>> KEYS = new EnumMap<>(ResourceType.class);

  static {
    for (ResourceType type : ResourceType.values()) {
      KEYS.put(type, EntityTypeKey.create(ObjectEntity.Command.class, type.kind()));
    }
  }

  private Entities() {}

  public static EntityTypeKey<ObjectEntity.Command> typeKey(ResourceType type) {
    return KEYS.get(type);
  }

  public static EntityRef<ObjectEntity.Command> ref(ClusterSharding sharding, ObjectKey key) {
    return sharding.entityRefFor(typeKey(key.type()), key.entityId());
  }

  public static void tell(ClusterSharding sharding, ObjectKey key, ObjectEntity.Command command) {
    ref(sharding, key).tell(command);
  }

  /** Builds a kind's entity behavior (inside the setup and timers every entity gets). */
  @FunctionalInterface
  public interface Factory {
    ObjectEntity create(ActorContext<ObjectEntity.Command> context, TimerScheduler<ObjectEntity.Command> timers,
        ObjectKey key, ControlSettings settings);
  }

  /** The behavior of the entity with this id. */
  public static Behavior<ObjectEntity.Command> behavior(ResourceType type, String entityId, ControlSettings settings,
      Factory factory) {
    return Behaviors.setup(context -> CommandGate.around(Behaviors.withTimers(timers ->
            factory.create(context, timers, ObjectKey.fromEntityId(type, entityId), settings)),
        ObjectEntity.Command.class, WriterLease.get(context.getSystem()), type.kind() + "/" + entityId,
        ObjectEntity::refuse));
  }

  /** Starts sharding for a kind's entities, on the control role, placed only once lost writers are fenced. */
  public static void init(ClusterSharding sharding, ResourceType type, ControlSettings settings, Factory factory) {
    sharding.init(entity(type, settings, factory));
  }

  /**
   * The same, with the kind's entities passivated after {@code idle} without a message instead of
   * the configured default: for kinds written once and rarely again (Events), whose entities
   * would otherwise sit on the heap for minutes after their one write.
   */
  public static void init(ClusterSharding sharding, ResourceType type, ControlSettings settings, Factory factory,
      org.apache.pekko.actor.typed.ActorSystem<?> system, java.time.Duration idle) {
    org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings shardSettings =
        org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings.create(system);
    sharding.init(entity(type, settings, factory).withSettings(shardSettings.withPassivationStrategy(
        shardSettings.passivationStrategySettings().withIdleEntityPassivation(idle))));
  }

  private static Entity<ObjectEntity.Command, ShardingEnvelope<ObjectEntity.Command>> entity(ResourceType type,
      ControlSettings settings, Factory factory) {
    return Entity.of(typeKey(type), ctx -> behavior(type, ctx.getEntityId(), settings, factory))
        .withRole("control")
        .withAllocationStrategy(new FencedAllocation());
  }

  /** The key of an owner named by an ownerReference, when it is a kind Orca knows. */
  public static Optional<ObjectKey> ownerKey(OwnerReference owner, String namespace) {
    return ResourceType.ofKind(owner.kind()).map(type -> new ObjectKey(type, namespace, owner.name()));
  }
}
