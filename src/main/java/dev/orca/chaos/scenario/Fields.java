package dev.orca.chaos.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.chaos.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields of one YAML mapping, noting each problem with its path (e.g.
 * {@code faults[2].for}) instead of stopping at the first, and at the end every field nobody read.
 */
final class Fields {
  private final JsonNode node;
  private final String path;
  private final List<String> problems;
  private final Set<String> read = new HashSet<>();

  Fields(JsonNode node, String path, List<String> problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
    if (node != null && !node.isObject()) {
      problem("", "must be a mapping (key: value lines)");
    }
  }

  String at(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void problem(String key, String message) {
    String where = key.isEmpty() ? path : at(key);
    problems.add((where.isEmpty() ? "" : where + ": ") + message);
  }

  /** Takes over problems noted on a side list (an entry checked on its own). */
  void problemsFrom(List<String> more) {
    problems.addAll(more);
  }

  boolean has(String key) {
    return value(key) != null;
  }

  JsonNode value(String key) {
    read.add(key);
    JsonNode v = node == null || !node.isObject() ? null : node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  String text(String key, String otherwise) {
    JsonNode v = value(key);
    if (v == null) {
      return otherwise;
    }
    if (!v.isValueNode()) {
      problem(key, "must be a single value");
      return otherwise;
    }
    return v.asText();
  }

  String requiredText(String key, String what) {
    String v = text(key, null);
    if (v == null || v.isBlank()) {
      problem(key, "required: " + what);
    }
    return v;
  }

  Duration duration(String key, Duration otherwise) {
    String v = text(key, null);
    if (v == null) {
      return otherwise;
    }
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
      return otherwise;
    }
  }

  Duration requiredDuration(String key) {
    if (!has(key)) {
      problem(key, "required: a duration (say 10s, 500ms, 2m)");
      return null;
    }
    return duration(key, null);
  }

  long integer(String key, long otherwise, long min, long max) {
    JsonNode v = value(key);
    if (v == null) {
      return otherwise;
    }
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      problem(key, "must be a whole number, not '" + v.asText() + "'");
      return otherwise;
    }
    long n = v.asLong();
    if (n < min || n > max) {
      problem(key, "must be between " + min + " and " + max + ", not " + n);
      return otherwise;
    }
    return n;
  }

  double number(String key, double otherwise, double min, double max) {
    JsonNode v = value(key);
    if (v == null) {
      return otherwise;
    }
    if (!v.isNumber()) {
      problem(key, "must be a number, not '" + v.asText() + "'");
      return otherwise;
    }
    double d = v.asDouble();
    if (d < min || d > max) {
      problem(key, "must be between " + min + " and " + max + ", not " + d);
      return otherwise;
    }
    return d;
  }

  boolean bool(String key, boolean otherwise) {
    JsonNode v = value(key);
    if (v == null) {
      return otherwise;
    }
    if (!v.isBoolean()) {
      problem(key, "must be true or false");
      return otherwise;
    }
    return v.asBoolean();
  }

  /** A list of strings; a single string counts as a list of one. */
  List<String> strings(String key) {
    JsonNode v = value(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.isValueNode()) {
      out.add(v.asText());
      return out;
    }
    if (!v.isArray()) {
      problem(key, "must be a list");
      return out;
    }
    for (JsonNode item : v) {
      if (!item.isValueNode()) {
        problem(key, "must be a list of names");
      } else {
        out.add(item.asText());
      }
    }
    return out;
  }

  Fields object(String key) {
    return new Fields(value(key), at(key), problems);
  }

  /** Notes every field that was not read: a typo must not pass for a default. */
  void done() {
    if (node == null || !node.isObject()) {
      return;
    }
    Set<String> unknown = new TreeSet<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!read.contains(name)) {
        unknown.add(name);
      }
    }
    for (String name : unknown) {
      problem(name, "unknown field (known here: " + String.join(", ", new TreeSet<>(read)) + ")");
    }
  }
}
