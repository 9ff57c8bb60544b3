package dev.orca.store;

import dev.orca.model.KubeObject;
import dev.orca.model.ResourceType;
import java.util.Comparator;

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

  /**
   * Keys in the order of their {@link #entityId}s as strings, without building them (a paged
   * list of 50,000 pods sorted by built ids spent a third of the control plane's CPU making
   * strings). Meant for keys of one type.
   */
  public static final Comparator<ObjectKey> BY_ENTITY_ID = ObjectKey::compareEntityIds;

  private static int compareEntityIds(ObjectKey a, ObjectKey b) {
    int lengthA = a.idLength();
    int lengthB = b.idLength();
    for (int i = 0, n = Math.min(lengthA, lengthB); i < n; i++) {
      char x = a.idChar(i);
      char y = b.idChar(i);
      if (x != y) {
        return x - y;
      }
    }
    return lengthA - lengthB;
  }

  /** How this key's {@link #entityId} compares with that entity id as strings, without building it. */
  public int compareToEntityId(String id) {
    int length = idLength();
    for (int i = 0, n = Math.min(length, id.length()); i < n; i++) {
      char x = idChar(i);
      char y = id.charAt(i);
      if (x != y) {
        return x - y;
      }
    }
    return length - id.length();
  }

  private int idLength() {
    return type.namespaced() ? namespace.length() + 1 + name.length() : name.length();
  }

  /** The character at that position of {@link #entityId}. */
  private char idChar(int i) {
    if (!type.namespaced()) {
      return name.charAt(i);
    }
    int slash = namespace.length();
    return i < slash ? namespace.charAt(i) : i == slash ? '/' : name.charAt(i - slash - 1);
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
