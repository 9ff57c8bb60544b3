package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the lists and maps of each kind Orca serves merge, taken from the {@code +listType},
 * {@code +listMapKey}, {@code +mapType} and {@code +structType} markers of the Kubernetes API types.
 * A list not in the table is atomic (kube's default for lists without a list type); a map not in
 * the table merges field by field.
 *
 * <p>Places are written as schema paths: field names joined by dots, {@code []} for "any item of
 * the list", e.g. {@code spec.template.spec.containers[].ports}.
 */
public final class ListKeys {
  /** How a list merges. */
  public enum ListType {
    /** Replaced as a whole; one owner. */
    ATOMIC,
    /** A set of primitives, items are {@code v:"x"}. */
    SET,
    /** Items identified by key fields, items are {@code k:{…}}. */
    MAP
  }

  /** A list's type and, for {@link ListType#MAP}, its key fields with their defaults. */
  public record ListShape(ListType type, List<String> keys, Map<String, JsonNode> defaults) {
    static final ListShape ATOMIC = new ListShape(ListType.ATOMIC, List.of(), Map.of());
    static final ListShape SET = new ListShape(ListType.SET, List.of(), Map.of());

    static ListShape keyed(String... keys) {
      return new ListShape(ListType.MAP, List.of(keys), Map.of());
    }
  }

  private static final ListShape PORTS = new ListShape(ListType.MAP, List.of("containerPort", "protocol"),
      Map.of("protocol", TextNode.valueOf("TCP")));
  private static final ListShape BY_NAME = ListShape.keyed("name");
  private static final ListShape BY_TYPE = ListShape.keyed("type");

  private static final Map<String, ListKeys> BY_KIND = Map.of(
      "Pod", build(b -> {
        b.podSpec("spec");
        b.list("status.conditions", BY_TYPE);
        b.list("status.podIPs", ListShape.keyed("ip"));
      }),
      "ReplicaSet", build(b -> b.workload()),
      "Deployment", build(b -> b.workload()),
      "Node", build(b -> {
        b.list("spec.podCIDRs", ListShape.SET);
        b.list("spec.taints", ListShape.ATOMIC);
        b.list("status.conditions", BY_TYPE);
      }),
      "Namespace", build(b -> {
        b.list("spec.finalizers", ListShape.ATOMIC);
        b.list("status.conditions", BY_TYPE);
      }),
      "Event", build(b -> {
        b.atomicMap("involvedObject");
        b.atomicMap("related");
      }));
  private static final ListKeys GENERIC = build(b -> {});

  private final Map<String, ListShape> lists;
  private final Set<String> atomicMaps;

  private ListKeys(Map<String, ListShape> lists, Set<String> atomicMaps) {
    this.lists = Map.copyOf(lists);
    this.atomicMaps = Set.copyOf(atomicMaps);
  }

  /** The table for a kind; an unknown kind gets only the rules of object metadata. */
  public static ListKeys forKind(String kind) {
    return kind == null ? GENERIC : BY_KIND.getOrDefault(kind, GENERIC);
  }

  /** The table for an object's {@code kind}. */
  public static ListKeys forObject(JsonNode object) {
    JsonNode kind = object == null ? null : object.get("kind");
    return forKind(kind != null && kind.isTextual() ? kind.textValue() : null);
  }

  public ListShape list(String schemaPath) {
    return lists.getOrDefault(schemaPath, ListShape.ATOMIC);
  }

  public boolean isAtomicMap(String schemaPath) {
    return atomicMaps.contains(schemaPath);
  }

  static String field(String schemaPath, String name) {
    return schemaPath.isEmpty() ? name : schemaPath + "." + name;
  }

  static String item(String schemaPath) {
    return schemaPath + "[]";
  }

  /**
   * The path element naming {@code item} in a list of the given shape. Throws
   * {@link IllegalArgumentException} when a key field is missing and has no default, with kube's
   * wording.
   */
  static PathElement elementOf(ListShape shape, JsonNode item) {
    if (shape.type() == ListType.SET) {
      return PathElement.value(item);
    }
    if (!item.isObject()) {
      throw new IllegalArgumentException("associative list with keys has an element that is not a map");
    }
    Map<String, JsonNode> key = new HashMap<>();
    for (String name : shape.keys()) {
      JsonNode value = item.get(name);
      if (value == null || value.isNull()) {
        value = shape.defaults().get(name);
      }
      if (value == null) {
        throw new IllegalArgumentException("associative list with keys has an element that omits key field \""
            + name + "\" (and doesn't have default value)");
      }
      key.put(name, value);
    }
    return PathElement.key(key);
  }

  /**
   * The items of a keyed or set list by element, in list order. A repeated element keeps its first
   * item and an item without its keys is skipped, unless {@code strict}: then both are errors, as
   * they are in an applied configuration.
   */
  static LinkedHashMap<PathElement, JsonNode> index(JsonNode list, ListShape shape, boolean strict) {
    LinkedHashMap<PathElement, JsonNode> items = new LinkedHashMap<>();
    if (list == null || !list.isArray()) {
      return items;
    }
    for (JsonNode item : list) {
      PathElement element;
      try {
        element = elementOf(shape, item);
      } catch (IllegalArgumentException e) {
        if (strict) {
          throw e;
        }
        continue;
      }
      if (items.putIfAbsent(element, item) != null && strict) {
        throw new IllegalArgumentException("duplicate entries for key " + element);
      }
    }
    return items;
  }

  private interface Rules {
    void add(Builder builder);
  }

  private static ListKeys build(Rules rules) {
    Builder b = new Builder();
    b.objectMeta("metadata");
    rules.add(b);
    return new ListKeys(b.lists, b.atomicMaps);
  }

  private static final class Builder {
    final Map<String, ListShape> lists = new HashMap<>();
    final Set<String> atomicMaps = new HashSet<>();

    void list(String schemaPath, ListShape shape) {
      lists.put(schemaPath, shape);
    }

    void atomicMap(String schemaPath) {
      atomicMaps.add(schemaPath);
    }

    void objectMeta(String at) {
      list(at + ".ownerReferences", ListShape.keyed("uid"));
      list(at + ".finalizers", ListShape.SET);
    }

    /** ReplicaSet and Deployment: an atomic label selector and a pod template. */
    void workload() {
      atomicMap("spec.selector");
      objectMeta("spec.template.metadata");
      podSpec("spec.template.spec");
      list("status.conditions", BY_TYPE);
    }

    void podSpec(String at) {
      for (String containers : List.of("containers", "initContainers")) {
        String c = at + "." + containers;
        list(c, BY_NAME);
        list(c + "[].ports", PORTS);
        list(c + "[].env", BY_NAME);
        list(c + "[].volumeMounts", ListShape.keyed("mountPath"));
      }
      list(at + ".volumes", BY_NAME);
      list(at + ".imagePullSecrets", BY_NAME);
      list(at + ".tolerations", ListShape.ATOMIC);
      atomicMap(at + ".nodeSelector");
      atomicMap(at + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution");
      list(at + ".affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution", ListShape.ATOMIC);
    }
  }
}
