package dev.orca.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Patch (RFC 6902): add, remove, replace, move, copy and test, applied in order; the first that
 * fails fails the whole patch.
 *
 * <p>As kube-apiserver: a body that is not an array of operations, or whose {@code op}, {@code path}
 * or {@code from} is not a string, is {@link PatchException.Kind#INVALID} (it fails to decode); an
 * operation that does not apply (unknown op, missing member, path or value, failed test) is {@link
 * PatchException.Kind#UNPROCESSABLE}, its {@link PatchException#detail()} worded as evanphx/json-patch,
 * e.g. {@code testing value /spec/replicas failed: test failed}.
 */
public final class JsonPatch {
  private JsonPatch() {}

  /**
   * Applies {@code patch} to {@code target}, neither of which is changed.
   *
   * @return the patched document
   * @throws PatchException when the patch is malformed or an operation does not apply
   */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    checkShape(patch);
    JsonNode doc = target == null ? NullNode.getInstance() : target.deepCopy();
    if (patch == null || patch.isNull()) {
      return doc; // JSON null decodes to no operations
    }
    for (JsonNode operation : patch) {
      doc = applyOne(doc, operation);
    }
    return doc;
  }

  /** What kube's strict decode into {@code []jsonPatchOp} rejects: 400 before anything is applied. */
  static void checkShape(JsonNode patch) {
    if (patch == null || patch.isNull()) {
      return;
    }
    if (!patch.isArray()) {
      throw PatchException.invalid("error decoding patch: json: cannot unmarshal " + JsonValues.goKind(patch)
          + " into Go value of type []handlers.jsonPatchOp");
    }
    for (JsonNode operation : patch) {
      if (!operation.isObject() && !operation.isNull()) {
        throw PatchException.invalid("error decoding patch: json: cannot unmarshal " + JsonValues.goKind(operation)
            + " into Go value of type handlers.jsonPatchOp");
      }
      for (String field : new String[] {"op", "path", "from"}) {
        JsonNode value = operation.get(field);
        if (value != null && !value.isTextual() && !value.isNull()) {
          throw PatchException.invalid("error decoding patch: json: cannot unmarshal " + JsonValues.goKind(value)
              + " into Go struct field jsonPatchOp." + field + " of type string");
        }
      }
    }
  }

  private static JsonNode applyOne(JsonNode doc, JsonNode operation) {
    String op = text(operation, "op");
    if (op == null) {
      op = "unknown";
    }
    switch (op) {
      case "add":
        return add(doc, pointer(operation, "path", op), value(operation, op));
      case "remove":
        return remove(doc, pointer(operation, "path", op));
      case "replace":
        return replace(doc, pointer(operation, "path", op), value(operation, op));
      case "move":
        return move(doc, pointer(operation, "from", op), pointer(operation, "path", op));
      case "copy":
        return copy(doc, pointer(operation, "from", op), pointer(operation, "path", op));
      case "test":
        return test(doc, pointer(operation, "path", op), value(operation, op));
      default:
        throw PatchException.unprocessable("Unexpected kind: " + op);
    }
  }

  private static JsonNode add(JsonNode doc, Pointer path, JsonNode value) {
    if (path.isRoot()) {
      return value.deepCopy();
    }
    JsonNode parent = Pointer.resolve(doc, path.parentTokens());
    if (parent == null || !parent.isContainerNode()) {
      throw missing("add operation does not apply: doc is missing path: \"" + path + "\"");
    }
    String key = path.last();
    if (parent.isObject()) {
      ((ObjectNode) parent).set(key, value.deepCopy());
      return doc;
    }
    ArrayNode array = (ArrayNode) parent;
    if (key.equals("-")) {
      array.add(value.deepCopy());
      return doc;
    }
    int index = Pointer.index(key);
    if (index < 0 || index > array.size()) {
      throw invalidIndex("error in add for path: '" + path + "'", key);
    }
    array.insert(index, value.deepCopy());
    return doc;
  }

  private static JsonNode remove(JsonNode doc, Pointer path) {
    if (path.isRoot()) {
      throw missing("remove operation does not apply: doc is missing path: \"" + path + "\"");
    }
    JsonNode parent = Pointer.resolve(doc, path.parentTokens());
    if (parent == null || !parent.isContainerNode()) {
      throw missing("remove operation does not apply: doc is missing path: \"" + path + "\"");
    }
    String key = path.last();
    if (parent.isObject()) {
      if (!parent.has(key)) {
        throw missing("error in remove for path: '" + path + "': Unable to remove nonexistent key: " + key);
      }
      ((ObjectNode) parent).remove(key);
      return doc;
    }
    int index = Pointer.index(key);
    if (index < 0 || index >= parent.size()) {
      throw invalidIndex("error in remove for path: '" + path + "'", key);
    }
    ((ArrayNode) parent).remove(index);
    return doc;
  }

  private static JsonNode replace(JsonNode doc, Pointer path, JsonNode value) {
    if (path.isRoot()) {
      return value.deepCopy();
    }
    JsonNode parent = Pointer.resolve(doc, path.parentTokens());
    if (parent == null || !parent.isContainerNode()) {
      throw missing("replace operation does not apply: doc is missing path: " + path);
    }
    String key = path.last();
    if (parent.isObject()) {
      if (!parent.has(key)) {
        throw missing("replace operation does not apply: doc is missing key: " + path);
      }
      ((ObjectNode) parent).set(key, value.deepCopy());
      return doc;
    }
    int index = Pointer.index(key);
    if (index < 0 || index >= parent.size()) {
      throw missing("replace operation does not apply: doc is missing key: " + path);
    }
    ((ArrayNode) parent).set(index, value.deepCopy());
    return doc;
  }

  private static JsonNode move(JsonNode doc, Pointer from, Pointer path) {
    JsonNode value = Pointer.resolve(doc, from.tokens());
    if (value == null) {
      throw missing("move operation does not apply: doc is missing from path: " + from);
    }
    if (path.isInside(from)) {
      throw PatchException.unprocessable("move operation does not apply: cannot move " + from
          + " into one of its children: " + path);
    }
    if (path.tokens().equals(from.tokens())) {
      return doc;
    }
    JsonNode removed = remove(doc, from);
    return add(removed, path, value);
  }

  private static JsonNode copy(JsonNode doc, Pointer from, Pointer path) {
    JsonNode value = Pointer.resolve(doc, from.tokens());
    if (value == null) {
      throw missing("copy operation does not apply: doc is missing from path: " + from);
    }
    return add(doc, path, value.deepCopy());
  }

  private static JsonNode test(JsonNode doc, Pointer path, JsonNode value) {
    if (!path.isRoot() && Pointer.resolve(doc, path.parentTokens()) == null) {
      throw missing("test operation does not apply: is missing path: " + path);
    }
    JsonNode actual = Pointer.resolve(doc, path.tokens());
    if (actual == null || !JsonValues.equal(actual, value)) {
      throw PatchException.unprocessable("testing value " + path + " failed: test failed");
    }
    return doc;
  }

  private static Pointer pointer(JsonNode operation, String field, String op) {
    String text = text(operation, field);
    if (text == null) {
      throw missing(op + " operation failed to decode " + field);
    }
    return Pointer.parse(text);
  }

  private static JsonNode value(JsonNode operation, String op) {
    JsonNode value = operation.get("value");
    if (value == null) {
      throw missing(op + " operation has no value");
    }
    return value;
  }

  private static String text(JsonNode operation, String field) {
    JsonNode value = operation.get(field);
    return value == null || value.isNull() ? null : value.textValue();
  }

  private static PatchException missing(String what) {
    return PatchException.unprocessable(what + ": missing value");
  }

  private static PatchException invalidIndex(String what, String token) {
    return PatchException.unprocessable(what + ": Unable to access invalid index: " + token
        + ": invalid index referenced");
  }
}
