package dev.orca.api.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON values as structured-merge-diff sees them: numbers compare by value (80 equals 80.0), and
 * there is a total order so that list keys can be sorted.
 */
final class Values {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private Values() {}

  /** Compact JSON text of a value. */
  static String write(JsonNode v) {
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** Parses JSON text; {@link IllegalArgumentException} when it is not JSON. */
  static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Deep equality with numbers compared by value. Java {@code null} (absent) equals only itself. */
  static boolean equal(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return compareNumbers(a, b) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!equal(field.getValue(), b.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * A total order over values of any type: numbers, then strings, booleans, arrays, objects and
   * null last, as structured-merge-diff orders them.
   */
  static int compare(JsonNode a, JsonNode b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (a.isNumber()) {
      return compareNumbers(a, b);
    }
    if (a.isTextual()) {
      return a.textValue().compareTo(b.textValue());
    }
    if (a.isBoolean()) {
      return Boolean.compare(a.booleanValue(), b.booleanValue());
    }
    if (a.isArray()) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    }
    if (a.isObject()) {
      List<Map.Entry<String, JsonNode>> ea = sortedEntries(a);
      List<Map.Entry<String, JsonNode>> eb = sortedEntries(b);
      for (int i = 0; i < Math.min(ea.size(), eb.size()); i++) {
        int c = ea.get(i).getKey().compareTo(eb.get(i).getKey());
        if (c == 0) {
          c = compare(ea.get(i).getValue(), eb.get(i).getValue());
        }
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(ea.size(), eb.size());
    }
    return 0;
  }

  private static int rank(JsonNode v) {
    if (v.isNumber()) {
      return 0;
    }
    if (v.isTextual()) {
      return 1;
    }
    if (v.isBoolean()) {
      return 2;
    }
    if (v.isArray()) {
      return 3;
    }
    if (v.isObject()) {
      return 4;
    }
    return 5;
  }

  private static int compareNumbers(JsonNode a, JsonNode b) {
    if (a.isIntegralNumber() && b.isIntegralNumber()) {
      return a.bigIntegerValue().compareTo(b.bigIntegerValue());
    }
    return Double.compare(a.doubleValue(), b.doubleValue());
  }

  private static List<Map.Entry<String, JsonNode>> sortedEntries(JsonNode object) {
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    object.fields().forEachRemaining(entries::add);
    entries.sort(Map.Entry.comparingByKey());
    return entries;
  }

  /** The value in one canonical form, so that equal keys are equal Java objects: 80 and 80.0 become 80. */
  static JsonNode canonical(JsonNode v) {
    if (v.isNumber()) {
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return LongNode.valueOf(v.longValue());
      }
      double d = v.doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15) {
        return LongNode.valueOf((long) d);
      }
      return DoubleNode.valueOf(d);
    }
    if (v.isArray()) {
      ArrayNode out = NODES.arrayNode();
      v.forEach(item -> out.add(canonical(item)));
      return out;
    }
    if (v.isObject()) {
      ObjectNode out = NODES.objectNode();
      v.fields().forEachRemaining(f -> out.set(f.getKey(), canonical(f.getValue())));
      return out;
    }
    return v.deepCopy();
  }

  /** A deep copy without the object fields whose value is null: an applied {@code null} clears a field. */
  static JsonNode withoutNulls(JsonNode v) {
    if (v.isObject()) {
      ObjectNode out = NODES.objectNode();
      v.fields().forEachRemaining(f -> {
        if (!f.getValue().isNull()) {
          out.set(f.getKey(), withoutNulls(f.getValue()));
        }
      });
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = NODES.arrayNode();
      v.forEach(item -> out.add(withoutNulls(item)));
      return out;
    }
    return v.deepCopy();
  }

  /** A deep copy with every object's fields in key order, as Go's encoding/json writes maps. */
  static JsonNode sortedKeys(JsonNode v) {
    if (v.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      v.fields().forEachRemaining(f -> sorted.put(f.getKey(), sortedKeys(f.getValue())));
      ObjectNode out = NODES.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = NODES.arrayNode();
      v.forEach(item -> out.add(sortedKeys(item)));
      return out;
    }
    return v.deepCopy();
  }
}
