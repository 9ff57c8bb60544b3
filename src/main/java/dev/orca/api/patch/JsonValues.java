package dev.orca.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** JSON value equality and the way Go's {@code %v} prints a decoded JSON value, for messages. */
final class JsonValues {
  private JsonValues() {}

  /**
   * Equal as JSON values (RFC 6902 section 4.6): numbers by value (1 equals 1.0), objects regardless
   * of member order, arrays element by element. Java nulls and JSON nulls are alike.
   */
  static boolean equal(JsonNode a, JsonNode b) {
    boolean aNull = a == null || a.isNull() || a.isMissingNode();
    boolean bNull = b == null || b.isNull() || b.isMissingNode();
    if (aNull || bNull) {
      return aNull && bNull;
    }
    if (a.isNumber() && b.isNumber()) {
      return number(a).compareTo(number(b)) == 0;
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
        if (!b.has(field.getKey()) || !equal(field.getValue(), b.get(field.getKey()))) {
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

  private static BigDecimal number(JsonNode n) {
    return n.isIntegralNumber() ? new BigDecimal(n.bigIntegerValue()) : n.decimalValue();
  }

  /** How encoding/json names the kind of a JSON value in its errors: object, array, string, number, bool. */
  static String goKind(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    switch (node.getNodeType()) {
      case OBJECT:
        return "object";
      case ARRAY:
        return "array";
      case STRING:
        return "string";
      case NUMBER:
        return "number";
      case BOOLEAN:
        return "bool";
      default:
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
  }

  /** Go's {@code %v} of the decoded value: {@code map[image:nginx name:web]}, {@code [a b]}, {@code <nil>}. */
  static String go(JsonNode node) {
    StringBuilder out = new StringBuilder();
    go(node, out);
    return out.toString();
  }

  private static void go(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("<nil>");
    } else if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      Collections.sort(keys); // fmt prints a map's keys sorted
      out.append("map[");
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        out.append(keys.get(i)).append(':');
        go(node.get(keys.get(i)), out);
      }
      out.append(']');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        go(node.get(i), out);
      }
      out.append(']');
    } else if (node.isNumber()) {
      out.append(number(node).stripTrailingZeros().toPlainString());
    } else {
      out.append(node.asText());
    }
  }
}
