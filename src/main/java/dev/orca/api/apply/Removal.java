package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Removes fields and list items from a copy of an object. A map or list left empty by a removal is
 * removed in turn, as structured-merge-diff leaves it null and the API drops it.
 */
final class Removal {
  private final ListKeys keys;

  private Removal(ListKeys keys) {
    this.keys = keys;
  }

  static JsonNode remove(JsonNode object, FieldSet paths, ListKeys keys) {
    JsonNode copy = object.deepCopy();
    Removal removal = new Removal(keys);
    for (Path path : paths.paths()) {
      if (!path.isRoot()) {
        removal.removeAt(copy, path, 0, "");
      }
    }
    return copy;
  }

  /** Removes {@code path} below {@code node}; true when that left {@code node} empty. */
  private boolean removeAt(JsonNode node, Path path, int i, String schemaPath) {
    PathElement element = path.get(i);
    boolean last = i == path.size() - 1;
    if (node.isObject() && element instanceof PathElement.Field) {
      String name = ((PathElement.Field) element).name();
      JsonNode child = node.get(name);
      if (child == null) {
        return false;
      }
      if (last || removeAt(child, path, i + 1, ListKeys.field(schemaPath, name))) {
        ((ObjectNode) node).remove(name);
        return node.isEmpty();
      }
      return false;
    }
    if (node.isArray() && (element instanceof PathElement.Key || element instanceof PathElement.Value)) {
      ListKeys.ListShape shape = keys.list(schemaPath);
      if (shape.type() == ListKeys.ListType.ATOMIC) {
        return false;
      }
      for (int j = 0; j < node.size(); j++) {
        if (element.equals(elementOrNull(shape, node.get(j)))) {
          if (last || removeAt(node.get(j), path, i + 1, ListKeys.item(schemaPath))) {
            ((ArrayNode) node).remove(j);
            return node.isEmpty();
          }
          return false;
        }
      }
    }
    return false;
  }

  private static PathElement elementOrNull(ListKeys.ListShape shape, JsonNode item) {
    try {
      return ListKeys.elementOf(shape, item);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
