package dev.orca.control;

import dev.orca.model.OwnerReference;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectKey;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
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

  /** The key of an owner named by an ownerReference, when it is a kind Orca knows. */
  public static Optional<ObjectKey> ownerKey(OwnerReference owner, String namespace) {
    return ResourceType.ofKind(owner.kind()).map(type -> new ObjectKey(type, namespace, owner.name()));
  }
}
