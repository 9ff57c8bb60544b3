package dev.orca.api.patch;

import static dev.orca.api.patch.StrategicMergePatch.DELETE;
import static dev.orca.api.patch.StrategicMergePatch.MERGE;
import static dev.orca.api.patch.StrategicMergePatch.PATCH;
import static dev.orca.api.patch.StrategicMergePatch.REPLACE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.api.patch.ElementOrder.Split;
import dev.orca.api.patch.PatchSchema.ListRule;
import java.util.ArrayList;
import java.util.List;

/** The list half of a strategic merge patch: merging by key, as a set, or replacing, and ordering. */
final class ListMerge {
  private final StrategicMergePatch maps;
  private final PatchSchema schema;

  ListMerge(StrategicMergePatch maps, PatchSchema schema) {
    this.maps = maps;
    this.schema = schema;
  }

  /** Merges the patch's list for {@code path} into the live one (empty when the object lacks it). */
  ArrayNode merge(ArrayNode original, ArrayNode patch, String path) {
    ListRule rule = schema.list(path);
    if (rule == null) {
      return replaced(patch, path);
    }
    if (original.isEmpty() && patch.isEmpty()) {
      return original;
    }
    JsonNodeType elements = elementType(original, patch);
    if (elements != JsonNodeType.OBJECT) {
      return mergePrimitives(original, patch);
    }
    if (rule.isPrimitive()) {
      throw MergeErrors.noMergeKeyDeclared(path);
    }
    return mergeByKey(original, patch, rule.mergeKey(), path);
  }

  /** A list that is not merged: the patch's, without directive items, its objects without nulls. */
  private ArrayNode replaced(ArrayNode patch, String path) {
    ArrayNode result = JsonNodeFactory.instance.arrayNode(patch.size());
    for (JsonNode item : patch) {
      if (item.isObject()) {
        if (!item.has(PATCH)) {
          result.add(maps.mergeMap(JsonNodeFactory.instance.objectNode(), (ObjectNode) item, path + "[]"));
        }
      } else if (item.isArray()) {
        result.add(replaced((ArrayNode) item, path + "[]"));
      } else {
        result.add(item);
      }
    }
    return result;
  }

  /** A set union: the live values and the patch's, each once. */
  private static ArrayNode mergePrimitives(ArrayNode original, ArrayNode patch) {
    List<JsonNode> server = items(original);
    List<JsonNode> patchItems = items(patch);
    List<JsonNode> merged = new ArrayList<>();
    for (JsonNode item : concat(server, patchItems)) {
      if (ElementOrder.indexOf(merged, item, null) < 0) {
        merged.add(item);
      }
    }
    Split split = ElementOrder.partition(merged, patchItems, null);
    return array(ElementOrder.normalize(split.named(), split.others(), patchItems, server, null));
  }

  /** Objects merged by {@code key}, after the patch's {@code $patch} items are applied. */
  private ArrayNode mergeByKey(ArrayNode original, ArrayNode patch, String key, String path) {
    List<JsonNode> server = items(original);
    List<JsonNode> rest = new ArrayList<>();
    boolean replace = false;
    for (JsonNode item : patch) {
      JsonNode directive = item.get(PATCH);
      if (directive == null) {
        rest.add(item);
        continue;
      }
      String name = directive.isTextual() ? directive.textValue() : "";
      if (name.equals(DELETE)) {
        JsonNode value = item.get(key);
        if (value == null) {
          throw MergeErrors.noMergeKey(item, key);
        }
        server.removeIf(live -> live.has(key) && JsonValues.equal(live.get(key), value));
      } else if (name.equals(REPLACE)) {
        replace = true; // the list becomes the patch's other items
      } else if (name.equals(MERGE)) {
        throw MergeErrors.mergingListDirective();
      } else {
        throw MergeErrors.badPatchType(directive, item);
      }
    }
    if (replace) {
      server = new ArrayList<>();
      for (JsonNode item : rest) {
        server.add(maps.mergeMap(JsonNodeFactory.instance.objectNode(), (ObjectNode) item, path + "[]"));
      }
      rest = List.of();
    }
    List<JsonNode> merged = new ArrayList<>(server);
    for (JsonNode item : rest) {
      JsonNode value = item.get(key);
      if (value == null) {
        throw MergeErrors.noMergeKey(item, key);
      }
      int at = find(merged, key, value);
      ObjectNode into = at >= 0 ? (ObjectNode) merged.get(at) : JsonNodeFactory.instance.objectNode();
      ObjectNode result = maps.mergeMap(into, (ObjectNode) item, path + "[]");
      if (at >= 0) {
        merged.set(at, result);
      } else {
        merged.add(result);
      }
    }
    Split split = ElementOrder.partition(merged, rest, key);
    return array(ElementOrder.normalize(split.named(), split.others(), rest, server, key));
  }

  /**
   * {@code $setElementOrder/<field>}: merges the patch's list for the field (if any) into the live one
   * (if any), orders the result as {@code order} says for the items it names, and takes the field out
   * of the patch.
   */
  void setElementOrder(ObjectNode original, ObjectNode patch, String field, ArrayNode order, String path) {
    JsonNode live = original.get(field);
    JsonNode patchList = patch.get(field);
    if (live != null && !live.isArray()) {
      throw MergeErrors.badArgType("[]interface {}", live);
    }
    if (patchList != null && !patchList.isArray()) {
      throw MergeErrors.badArgType("[]interface {}", patchList);
    }
    if (live == null && patchList == null) {
      return;
    }
    ListRule rule = schema.list(path);
    String key = rule == null ? null : rule.mergeKey();
    if (patchList != null) {
      checkOrder((ArrayNode) patchList, order, key);
    }
    ArrayNode merged;
    if (patchList == null) {
      merged = (ArrayNode) live;
    } else {
      merged = merge(live == null ? JsonNodeFactory.instance.arrayNode() : (ArrayNode) live, (ArrayNode) patchList, path);
    }
    List<JsonNode> orderItems = items(order);
    Split split = ElementOrder.partition(items(merged), orderItems, key);
    List<JsonNode> serverOrder = live == null ? List.of() : items(live);
    original.set(field, array(ElementOrder.normalize(split.named(), split.others(), orderItems, serverOrder, key)));
    patch.remove(field);
  }

  /**
   * kube's validatePatchWithSetOrderList: the patch's items (deletions aside) must appear in the
   * order list, in the same relative order.
   */
  private static void checkOrder(ArrayNode patchList, ArrayNode order, String key) {
    if (patchList.isEmpty() || order.isEmpty()) {
      return;
    }
    List<JsonNode> kept = new ArrayList<>();
    for (JsonNode item : patchList) {
      if (key != null) {
        if (!item.isObject()) {
          throw MergeErrors.badArgType("map[string]interface {}", item);
        }
        JsonNode directive = item.get(PATCH);
        if (directive != null && directive.isTextual() && directive.textValue().equals(DELETE)) {
          continue;
        }
      }
      kept.add(item);
    }
    int p = 0;
    int o = 0;
    while (p < kept.size() && o < order.size()) {
      JsonNode item = kept.get(p);
      if (item.isObject() && item.has(PATCH)) {
        p++;
        continue;
      }
      if (sameKey(item, order.get(o), key)) {
        p++;
      }
      o++;
    }
    if (p < kept.size() && o >= order.size()) {
      throw MergeErrors.orderMismatch(patchList, order);
    }
  }

  private static boolean sameKey(JsonNode left, JsonNode right, String key) {
    if (key == null) {
      return JsonValues.equal(left, right);
    }
    for (JsonNode side : new JsonNode[] {left, right}) {
      if (!side.isObject()) {
        throw MergeErrors.badArgType("map[string]interface {}", side);
      }
      if (!side.has(key)) {
        throw MergeErrors.noMergeKey(side, key);
      }
    }
    return JsonValues.equal(left.get(key), right.get(key));
  }

  /** {@code list} without the values in {@code remove}. */
  static ArrayNode without(ArrayNode list, ArrayNode remove) {
    List<JsonNode> gone = items(remove);
    ArrayNode result = JsonNodeFactory.instance.arrayNode(list.size());
    for (JsonNode item : list) {
      if (ElementOrder.indexOf(gone, item, null) < 0) {
        result.add(item);
      }
    }
    return result;
  }

  /**
   * kube's sliceElementType: the items of both lists are of one type, and not lists (422 if they are).
   * Numbers count as one type.
   */
  private static JsonNodeType elementType(ArrayNode original, ArrayNode patch) {
    JsonNodeType type = null;
    for (ArrayNode list : new ArrayNode[] {original, patch}) {
      for (JsonNode item : list) {
        if (item.isArray()) {
          throw MergeErrors.listOfLists();
        }
        JsonNodeType itemType = item.getNodeType();
        if (type == null) {
          type = itemType;
        } else if (type != itemType) {
          throw MergeErrors.elementTypes(original, patch);
        }
      }
    }
    return type;
  }

  private static int find(List<JsonNode> items, String key, JsonNode value) {
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item.isObject() && item.has(key) && JsonValues.equal(item.get(key), value)) {
        return i;
      }
    }
    return -1;
  }

  private static List<JsonNode> items(JsonNode array) {
    List<JsonNode> items = new ArrayList<>(array.size());
    array.forEach(items::add);
    return items;
  }

  private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
    List<JsonNode> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static ArrayNode array(List<JsonNode> items) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode(items.size());
    array.addAll(items);
    return array;
  }
}
