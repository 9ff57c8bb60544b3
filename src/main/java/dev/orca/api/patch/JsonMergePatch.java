package dev.orca.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7386): an object patch merges member by member, a null member deletes, any
 * other value (arrays included) replaces what was there.
 */
public final class JsonMergePatch {
  private JsonMergePatch() {}

  /**
   * Applies {@code patch} to {@code target}, neither of which is changed. Java null stands for JSON
   * null on either side.
   *
   * @return the patched document; a patch that is not an object is the result itself
   */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      return patch == null ? NullNode.getInstance() : patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject()
        ? ((ObjectNode) target).deepCopy()
        : JsonNodeFactory.instance.objectNode();
    merge(result, (ObjectNode) patch);
    return result;
  }

  /** Merges {@code patch} into {@code target} in place. */
  private static void merge(ObjectNode target, ObjectNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      String name = member.getKey();
      JsonNode value = member.getValue();
      if (value.isNull()) {
        target.remove(name);
      } else if (value.isObject()) {
        JsonNode existing = target.get(name);
        ObjectNode merged = existing != null && existing.isObject()
            ? (ObjectNode) existing
            : JsonNodeFactory.instance.objectNode();
        merge(merged, (ObjectNode) value);
        target.set(name, merged);
      } else {
        target.set(name, value.deepCopy());
      }
    }
  }
}
