package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Merges an applied configuration into the live object: maps field by field, keyed and set lists
 * item by item, everything else (scalars, atomic maps and lists) replaced by the configuration's
 * value. A field the configuration sets to null is left out of the result. Neither input is
 * changed.
 */
final class Merge {
  private final ListKeys keys;

  private Merge(ListKeys keys) {
    this.keys = keys;
  }

  static JsonNode merge(JsonNode live, JsonNode config, ListKeys keys) {
    return new Merge(keys).merge(live, config, "");
  }

  private JsonNode merge(JsonNode l, JsonNode r, String schemaPath) {
    if (r == null) {
      return l.deepCopy();
    }
    if (l == null) {
      return Values.withoutNulls(r);
    }
    if (l.isObject() && r.isObject() && !keys.isAtomicMap(schemaPath)) {
      return mergeMaps(l, r, schemaPath);
    }
    if (l.isArray() && r.isArray() && keys.list(schemaPath).type() != ListKeys.ListType.ATOMIC) {
      return mergeLists(l, r, schemaPath);
    }
    return Values.withoutNulls(r);
  }

  private JsonNode mergeMaps(JsonNode l, JsonNode r, String schemaPath) {
    ObjectNode out = Values.NODES.objectNode();
    l.fields().forEachRemaining(field -> {
      JsonNode rv = r.get(field.getKey());
      if (rv == null) {
        out.set(field.getKey(), field.getValue().deepCopy());
      } else if (!rv.isNull()) {
        out.set(field.getKey(), merge(field.getValue(), rv, ListKeys.field(schemaPath, field.getKey())));
      }
    });
    r.fields().forEachRemaining(field -> {
      if (!l.has(field.getKey()) && !field.getValue().isNull()) {
        out.set(field.getKey(), Values.withoutNulls(field.getValue()));
      }
    });
    return out;
  }

  /**
   * Items only the live list has keep their place; items of the configuration come in its order,
   * merged with the live item of the same key.
   */
  private JsonNode mergeLists(JsonNode l, JsonNode r, String schemaPath) {
    ListKeys.ListShape shape = keys.list(schemaPath);
    LinkedHashMap<PathElement, JsonNode> li = ListKeys.index(l, shape, false);
    LinkedHashMap<PathElement, JsonNode> ri = ListKeys.index(r, shape, true);
    List<PathElement> lo = new ArrayList<>(li.keySet());
    List<PathElement> ro = new ArrayList<>(ri.keySet());
    String itemPath = ListKeys.item(schemaPath);
    ArrayNode out = Values.NODES.arrayNode();
    Set<PathElement> done = new HashSet<>();
    int a = 0;
    int b = 0;
    while (a < lo.size() || b < ro.size()) {
      if (a < lo.size() && b < ro.size() && lo.get(a).equals(ro.get(b))) {
        out.add(merge(li.get(lo.get(a)), ri.get(ro.get(b)), itemPath));
        done.add(lo.get(a));
        a++;
        b++;
      } else if (a < lo.size() && !ri.containsKey(lo.get(a))) {
        out.add(li.get(lo.get(a)).deepCopy());
        done.add(lo.get(a));
        a++;
      } else if (a < lo.size() && done.contains(lo.get(a))) {
        a++;
      } else if (b < ro.size()) {
        PathElement element = ro.get(b);
        out.add(merge(li.get(element), ri.get(element), itemPath));
        done.add(element);
        b++;
      } else {
        a++;
      }
    }
    return out;
  }
}
