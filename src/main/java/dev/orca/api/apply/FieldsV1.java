package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The FieldsV1 encoding of a {@link FieldSet}: a tree of objects keyed by serialised path
 * elements. A member with nothing below it is {@code {}}; a member that also has children carries
 * {@code ".": {}} before them; a node that is only on the way to members has no {@code "."}.
 */
final class FieldsV1 {
  private FieldsV1() {}

  static ObjectNode encode(FieldSet set) {
    Node root = new Node();
    for (Path path : set.paths()) {
      Node node = root;
      for (PathElement element : path.elements()) {
        node = node.children.computeIfAbsent(element, e -> new Node());
      }
      node.member = true;
    }
    return root.write(false);
  }

  /** Reads FieldsV1; elements of unknown type are dropped as kube drops them. */
  static FieldSet decode(JsonNode fieldsV1) {
    if (fieldsV1 == null || fieldsV1.isNull()) {
      return FieldSet.empty();
    }
    requireObject(fieldsV1, "fieldsV1");
    List<Path> paths = new ArrayList<>();
    read(fieldsV1, Path.ROOT, paths);
    return FieldSet.of(paths);
  }

  /** Collects the members below {@code path}; returns whether anything below it was recognised. */
  private static boolean read(JsonNode object, Path path, List<Path> out) {
    boolean any = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals(".")) {
        continue;
      }
      PathElement element = PathElement.parse(field.getKey());
      if (element == null) {
        continue;
      }
      JsonNode value = field.getValue();
      requireObject(value, field.getKey());
      Path child = path.child(element);
      boolean below = read(value, child, out);
      if (value.has(".") || !below) {
        out.add(child);
      }
      any = true;
    }
    return any;
  }

  private static void requireObject(JsonNode value, String where) {
    if (!value.isObject()) {
      throw new IllegalArgumentException("invalid FieldsV1 at " + where + ": expected an object");
    }
  }

  private static final class Node {
    boolean member;
    final TreeMap<PathElement, Node> children = new TreeMap<>();

    ObjectNode write(boolean includeSelf) {
      ObjectNode out = Values.NODES.objectNode();
      if (includeSelf && member && !children.isEmpty()) {
        out.set(".", Values.NODES.objectNode());
      }
      children.forEach((element, child) -> out.set(element.serialize(), child.write(true)));
      return out;
    }
  }
}
