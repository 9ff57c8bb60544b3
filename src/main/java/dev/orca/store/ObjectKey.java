package dev.orca.store;

import dev.orca.model.KubeObject;
import dev.orca.model.ResourceType;

/**
 * Names one API object: its type, namespace ("" for cluster-scoped kinds) and name. The sharded
 * entity of that object has the id {@link #entityId()}; its journal stream is {@link #persistenceId()}.
 */
public record ObjectKey(ResourceType type, String namespace, String name) {

  public ObjectKey {
    namespace = type.namespaced() ? (namespace == null ? "" : namespace) : "";
  }

  public static ObjectKey of(KubeObject object) {
    return new ObjectKey(ResourceType.of(object), object.metadata().namespace(), object.metadata().name());
  }

  /** "ns/name" for namespaced kinds, "name" otherwise. */
  public String entityId() {
    return type.namespaced() ? namespace + "/" + name : name;
  }

  public String persistenceId() {
    return type.kind() + "|" + entityId();
  }

  public static ObjectKey fromEntityId(ResourceType type, String entityId) {
    int slash = entityId.indexOf('/');
    return slash < 0 ? new ObjectKey(type, "", entityId)
        : new ObjectKey(type, entityId.substring(0, slash), entityId.substring(slash + 1));
  }

  public static ObjectKey fromPersistenceId(String persistenceId) {
    int bar = persistenceId.indexOf('|');
    ResourceType type = ResourceType.ofKind(persistenceId.substring(0, bar))
        .orElseThrow(() -> new IllegalArgumentException("not an object stream: " + persistenceId));
    return fromEntityId(type, persistenceId.substring(bar + 1));
  }

  @Override
  public String toString() {
    return persistenceId();
  }
}
