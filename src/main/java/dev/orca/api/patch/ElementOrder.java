package dev.orca.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a merged list, as kube's strategic merge patch sets it: the items the patch names in
 * the patch's order (or {@code $setElementOrder}'s), the others in the live object's order, the two
 * interleaved so that each keeps its place relative to the live list where both are in it. An item
 * the live list does not have goes before the live items still to place, so an item a patch adds
 * without {@code $setElementOrder} comes first.
 */
final class ElementOrder {
  private ElementOrder() {}

  /**
   * Splits {@code merged} into the items found in {@code by} (matched by {@code mergeKey}, or by value
   * when it is null) and the others, each in its order in {@code merged}.
   */
  static Split partition(List<JsonNode> merged, List<JsonNode> by, String mergeKey) {
    List<JsonNode> named = new ArrayList<>();
    List<JsonNode> others = new ArrayList<>();
    for (JsonNode item : merged) {
      (indexOf(by, item, mergeKey) >= 0 ? named : others).add(item);
    }
    return new Split(named, others);
  }

  record Split(List<JsonNode> named, List<JsonNode> others) {}

  /**
   * kube's normalizeElementOrder: {@code patchItems} sorted by {@code patchOrder}, {@code serverOnly}
   * by {@code serverOrder}, then merged.
   */
  static List<JsonNode> normalize(List<JsonNode> patchItems, List<JsonNode> serverOnly, List<JsonNode> patchOrder,
      List<JsonNode> serverOrder, String mergeKey) {
    List<JsonNode> patchSorted = sortBy(patchItems, patchOrder, mergeKey);
    List<JsonNode> serverSorted = sortBy(serverOnly, serverOrder, mergeKey);
    return interleave(serverSorted, patchSorted, serverOrder, mergeKey);
  }

  private static List<JsonNode> sortBy(List<JsonNode> items, List<JsonNode> order, String mergeKey) {
    List<JsonNode> sorted = new ArrayList<>(items);
    // Stable: items the order does not name keep their relative place, after those it names.
    sorted.sort(Comparator.comparingInt(item -> {
      int at = indexOf(order, item, mergeKey);
      return at < 0 ? Integer.MAX_VALUE : at;
    }));
    return sorted;
  }

  /**
   * kube's mergeSortedSlice: takes the next server item while it is in the live list ahead of the
   * next patch item, otherwise the next patch item.
   */
  private static List<JsonNode> interleave(List<JsonNode> server, List<JsonNode> patch, List<JsonNode> serverOrder,
      String mergeKey) {
    List<JsonNode> all = new ArrayList<>(server.size() + patch.size());
    int i = 0;
    int j = 0;
    while (i < server.size() || j < patch.size()) {
      if (j >= patch.size()) {
        all.add(server.get(i++));
      } else if (i >= server.size()) {
        all.add(patch.get(j++));
      } else {
        int left = indexOf(serverOrder, server.get(i), mergeKey);
        int right = indexOf(serverOrder, patch.get(j), mergeKey);
        if (left >= 0 && right >= 0 && left < right) {
          all.add(server.get(i++));
        } else {
          all.add(patch.get(j++));
        }
      }
    }
    return all;
  }

  /** Where {@code item} is in {@code list}, matched by its merge key's value (by value when null); -1 when absent. */
  static int indexOf(List<JsonNode> list, JsonNode item, String mergeKey) {
    JsonNode identity = identity(item, mergeKey);
    if (identity == null) {
      return -1;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode other = identity(list.get(i), mergeKey);
      if (other != null && JsonValues.equal(identity, other)) {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode identity(JsonNode item, String mergeKey) {
    if (mergeKey == null) {
      return item;
    }
    return item != null && item.isObject() ? item.get(mergeKey) : null;
  }
}
