package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeSet;

/**
 * The field set of an object (structured-merge-diff's {@code ToFieldSet}): every leaf, every item
 * of a keyed or set list, atomic maps and lists as a whole, and fields explicitly set to null or
 * to an empty map.
 */
final class FieldCollector {
  private final ListKeys keys;
  private final boolean strict;
  private final TreeSet<Path> out = new TreeSet<>();

  private FieldCollector(ListKeys keys, boolean strict) {
    this.keys = keys;
    this.strict = strict;
  }

  /**
   * The fields of {@code object}. When {@code strict}, as for an applied configuration, a keyed
   * list item without its keys or a repeated key is an {@link IllegalArgumentException}; otherwise
   * such items are skipped.
   */
  static FieldSet collect(JsonNode object, ListKeys keys, boolean strict) {
    FieldCollector collector = new FieldCollector(keys, strict);
    if (object != null) {
      collector.walk(object, "", Path.ROOT);
    }
    return FieldSet.of(collector.out);
  }

  private void walk(JsonNode node, String schemaPath, Path path) {
    if (node.isObject()) {
      if (keys.isAtomicMap(schemaPath)) {
        out.add(path);
        return;
      }
      node.fields().forEachRemaining(field -> walkField(field, schemaPath, path));
    } else if (node.isArray()) {
      ListKeys.ListShape shape = keys.list(schemaPath);
      if (shape.type() == ListKeys.ListType.ATOMIC) {
        out.add(path);
        return;
      }
      for (Map.Entry<PathElement, JsonNode> item : ListKeys.index(node, shape, strict).entrySet()) {
        Path itemPath = path.child(item.getKey());
        walk(item.getValue(), ListKeys.item(schemaPath), itemPath);
        out.add(itemPath);
      }
    } else if (!path.isRoot()) {
      out.add(path);
    }
  }

  private void walkField(Map.Entry<String, JsonNode> field, String schemaPath, Path path) {
    Path child = path.child(PathElement.field(field.getKey()));
    JsonNode value = field.getValue();
    walk(value, ListKeys.field(schemaPath, field.getKey()), child);
    if (value.isNull() || (value.isObject() && value.isEmpty())) {
      out.add(child);
    }
  }
}
