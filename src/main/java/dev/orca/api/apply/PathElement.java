package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One step of a field path, in Kubernetes' FieldsV1 vocabulary: a map field ({@code f:name}), a
 * list item chosen by its merge key ({@code k:{"name":"web"}}), an item of a set-like list of
 * primitives ({@code v:"x"}), or a position ({@code i:0}, read but never produced).
 */
public sealed interface PathElement extends Comparable<PathElement>
    permits PathElement.Field, PathElement.Key, PathElement.Value, PathElement.Index {

  /** The element as a FieldsV1 object key: {@code f:replicas}, {@code k:{"containerPort":80,"protocol":"TCP"}}. */
  String serialize();

  /** Sort rank of the element's type: fields, then keys, values, indexes. */
  int rank();

  static Field field(String name) {
    return new Field(name);
  }

  /** A key element; the fields are sorted by name whatever order they come in. */
  static Key key(Map<String, JsonNode> fields) {
    return new Key(new TreeMap<>(fields));
  }

  static Value value(JsonNode value) {
    return new Value(value);
  }

  /**
   * Parses a FieldsV1 key. Returns {@code null} for an unknown element type, which readers skip as
   * kube does; throws {@link IllegalArgumentException} for a malformed one.
   */
  static PathElement parse(String text) {
    if (text.length() < 2 || text.charAt(1) != ':') {
      throw new IllegalArgumentException("invalid field path element " + text);
    }
    String body = text.substring(2);
    switch (text.charAt(0)) {
      case 'f':
        return new Field(body);
      case 'v':
        return new Value(Values.read(body));
      case 'k': {
        JsonNode object = Values.read(body);
        if (!object.isObject()) {
          throw new IllegalArgumentException("invalid key element " + text);
        }
        TreeMap<String, JsonNode> fields = new TreeMap<>();
        object.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
        return new Key(fields);
      }
      case 'i':
        try {
          return new Index(Integer.parseInt(body));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid index element " + text, e);
        }
      default:
        return null;
    }
  }

  @Override
  default int compareTo(PathElement other) {
    int c = Integer.compare(rank(), other.rank());
    return c != 0 ? c : compareSameType(other);
  }

  /** Compares with an element of the same type. */
  int compareSameType(PathElement other);

  /** A map field. Prints as {@code .name}. */
  record Field(String name) implements PathElement {
    public Field {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String serialize() {
      return "f:" + name;
    }

    @Override
    public int rank() {
      return 0;
    }

    @Override
    public int compareSameType(PathElement other) {
      return name.compareTo(((Field) other).name);
    }

    @Override
    public String toString() {
      return "." + name;
    }
  }

  /** A list item chosen by its key fields. Prints as {@code [name="web"]}. */
  record Key(SortedMap<String, JsonNode> fields) implements PathElement {
    public Key {
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("a key element needs at least one field");
      }
      fields = canonical(fields);
    }

    private static SortedMap<String, JsonNode> canonical(Map<String, JsonNode> fields) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      fields.forEach((name, value) -> sorted.put(name, Values.canonical(value)));
      return Collections.unmodifiableSortedMap(sorted);
    }

    @Override
    public String serialize() {
      ObjectNode object = Values.NODES.objectNode();
      fields.forEach(object::set);
      return "k:" + Values.write(object);
    }

    @Override
    public int rank() {
      return 1;
    }

    @Override
    public int compareSameType(PathElement other) {
      Iterator<Map.Entry<String, JsonNode>> a = fields.entrySet().iterator();
      Iterator<Map.Entry<String, JsonNode>> b = ((Key) other).fields.entrySet().iterator();
      while (a.hasNext() && b.hasNext()) {
        Map.Entry<String, JsonNode> ea = a.next();
        Map.Entry<String, JsonNode> eb = b.next();
        int c = ea.getKey().compareTo(eb.getKey());
        if (c == 0) {
          c = Values.compare(ea.getValue(), eb.getValue());
        }
        if (c != 0) {
          return c;
        }
      }
      return Boolean.compare(a.hasNext(), b.hasNext());
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      fields.forEach((name, value) -> parts.add(name + "=" + Values.write(value)));
      return "[" + String.join(",", parts) + "]";
    }
  }

  /** An item of a set-like list of primitives. Prints as {@code [="x"]}. */
  record Value(JsonNode value) implements PathElement {
    public Value {
      value = Values.canonical(value);
    }

    @Override
    public String serialize() {
      return "v:" + Values.write(value);
    }

    @Override
    public int rank() {
      return 2;
    }

    @Override
    public int compareSameType(PathElement other) {
      return Values.compare(value, ((Value) other).value);
    }

    @Override
    public String toString() {
      return "[=" + Values.write(value) + "]";
    }
  }

  /** A position in a list; kube writes these only for lists without keys, which Orca treats as atomic. */
  record Index(int index) implements PathElement {
    @Override
    public String serialize() {
      return "i:" + index;
    }

    @Override
    public int rank() {
      return 3;
    }

    @Override
    public int compareSameType(PathElement other) {
      return Integer.compare(index, ((Index) other).index);
    }

    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }
}
