package dev.orca.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field paths into an object as the write log names them: dot-separated, with a bracketed
 * segment for a key that has dots of its own ({@code metadata.annotations[chaos.orca.dev/write]}).
 */
public final class ObjectFields {
  private ObjectFields() {}

  /** The value at {@code path} as text, or null when the object lacks it. */
  public static String get(JsonNode object, String path) {
    JsonNode node = object;
    for (String segment : segments(path)) {
      node = node == null ? null : node.get(segment);
    }
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }

  /** The object of a list item as the check sees it: identity, resourceVersion, and the values at {@code paths}. */
  public static FinalObject finalObject(String kind, JsonNode object, Iterable<String> paths) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String path : paths) {
      String value = get(object, path);
      if (value != null) {
        fields.put(path, value);
      }
    }
    JsonNode meta = object.path("metadata");
    return new FinalObject(kind, meta.path("namespace").asText(), meta.path("name").asText(), meta.path("uid").asText(null),
        meta.path("resourceVersion").asLong(), fields);
  }

  static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      if (path.charAt(i) == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed [ in " + path);
        }
        out.add(path.substring(i + 1, close));
        i = close + 1;
      } else {
        int end = i;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        out.add(path.substring(i, end));
        i = end;
      }
      if (i < path.length() && path.charAt(i) == '.') {
        i++;
      }
    }
    return out;
  }
}
