package dev.orca.api.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A strategic merge patch's errors, worded as apimachinery's mergepatch and strategicpatch packages
 * word them. kube-apiserver answers 400 for the malformed-directive errors, 422 for lists of lists,
 * and passes the rest (no merge key, unknown directive, order mismatch, wrong types) through as a 500
 * without a reason; they are all the client's fault, so Orca answers them 400.
 */
final class MergeErrors {
  private MergeErrors() {}

  static PatchException badPrimitiveList() {
    return PatchException.invalid("invalid patch format of primitive list");
  }

  static PatchException badRetainKeys() {
    return PatchException.invalid("invalid patch format of retainKeys");
  }

  static PatchException badSetElementOrder() {
    return PatchException.invalid("invalid patch format of setElementOrder list");
  }

  static PatchException listOfLists() {
    return PatchException.unprocessable("lists of lists are not supported");
  }

  static PatchException noMergeKey(JsonNode map, String mergeKey) {
    return PatchException.invalid("map: " + JsonValues.go(map) + " does not contain declared merge key: " + mergeKey);
  }

  static PatchException badPatchType(JsonNode directive, JsonNode map) {
    String type = directive.isTextual() ? directive.textValue() : JsonValues.go(directive);
    return PatchException.invalid("unknown patch type: " + type + " in map: " + JsonValues.go(map));
  }

  static PatchException mergingListDirective() {
    return PatchException.invalid("merging lists cannot yet be specified in the patch");
  }

  static PatchException noMergeKeyDeclared(String path) {
    return PatchException.invalid("cannot merge lists without merge key for " + path);
  }

  static PatchException orderMismatch(JsonNode patchList, JsonNode orderList) {
    return PatchException.invalid("the order in patch list:\n" + JsonValues.go(patchList)
        + "\n doesn't match $setElementOrder list:\n" + JsonValues.go(orderList));
  }

  static PatchException elementTypes(JsonNode... lists) {
    StringBuilder all = new StringBuilder("[");
    for (int i = 0; i < lists.length; i++) {
      all.append(i > 0 ? " " : "").append(JsonValues.go(lists[i]));
    }
    return PatchException.invalid("list element types are not identical: " + all.append(']'));
  }

  /** mergepatch.ErrBadArgType: {@code expected a []interface {}, but received a string}. */
  static PatchException badArgType(String expected, JsonNode actual) {
    return PatchException.invalid("expected a " + expected + ", but received a " + goType(actual));
  }

  static String goType(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "<nil>";
    }
    if (node.isObject()) {
      return "map[string]interface {}";
    }
    if (node.isArray()) {
      return "[]interface {}";
    }
    if (node.isTextual()) {
      return "string";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    return node.isIntegralNumber() ? "int64" : "float64";
  }
}
