package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What changed from one object to another (structured-merge-diff's {@code Compare}): leaves and
 * list items added, modified or removed, plus maps and lists that appeared or disappeared as a
 * whole. The three sets are disjoint.
 */
record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

  static Comparison of(JsonNode before, JsonNode after, ListKeys keys) {
    Walker w = new Walker(keys);
    w.walk(before, after, "", Path.ROOT);
    TreeSet<Path> both = new TreeSet<>(w.added);
    both.retainAll(w.removed);
    w.added.removeAll(both);
    w.removed.removeAll(both);
    w.modified.addAll(both);
    return new Comparison(FieldSet.of(w.added), FieldSet.of(w.modified), FieldSet.of(w.removed));
  }

  /** Added or modified: what the writer now has an opinion on. */
  FieldSet changed() {
    return added.union(modified);
  }

  Comparison map(UnaryOperator<FieldSet> f) {
    return new Comparison(f.apply(added), f.apply(modified), f.apply(removed));
  }

  private static final class Walker {
    final ListKeys keys;
    final TreeSet<Path> added = new TreeSet<>();
    final TreeSet<Path> modified = new TreeSet<>();
    final TreeSet<Path> removed = new TreeSet<>();

    Walker(ListKeys keys) {
      this.keys = keys;
    }

    /** {@code l} or {@code r} is Java null when absent, never both. */
    void walk(JsonNode l, JsonNode r, String schemaPath, Path path) {
      if (l != null && r != null && kind(l) != kind(r)) {
        walk(l, null, schemaPath, path);
        walk(null, r, schemaPath, path);
        return;
      }
      JsonNode any = r != null ? r : l;
      boolean bothEmpty = isEmptyOrAbsent(l) && isEmptyOrAbsent(r);
      if (any.isObject() && !keys.isAtomicMap(schemaPath) && !bothEmpty) {
        Set<String> names = new LinkedHashSet<>();
        if (l != null) {
          l.fieldNames().forEachRemaining(names::add);
        }
        if (r != null) {
          r.fieldNames().forEachRemaining(names::add);
        }
        for (String name : names) {
          walk(l == null ? null : l.get(name), r == null ? null : r.get(name), ListKeys.field(schemaPath, name),
              path.child(PathElement.field(name)));
        }
        node(l, r, path);
      } else if (any.isArray() && keys.list(schemaPath).type() != ListKeys.ListType.ATOMIC && !bothEmpty) {
        ListKeys.ListShape shape = keys.list(schemaPath);
        LinkedHashMap<PathElement, JsonNode> li = ListKeys.index(l, shape, false);
        LinkedHashMap<PathElement, JsonNode> ri = ListKeys.index(r, shape, false);
        Set<PathElement> elements = new LinkedHashSet<>(li.keySet());
        elements.addAll(ri.keySet());
        for (PathElement element : elements) {
          walk(li.get(element), ri.get(element), ListKeys.item(schemaPath), path.child(element));
        }
        node(l, r, path);
      } else {
        leaf(l, r, path);
      }
    }

    private void node(JsonNode l, JsonNode r, Path path) {
      if (l == null) {
        added.add(path);
      } else if (r == null) {
        removed.add(path);
      }
    }

    private void leaf(JsonNode l, JsonNode r, Path path) {
      if (l == null) {
        added.add(path);
      } else if (r == null) {
        removed.add(path);
      } else if (!Values.equal(l, r)) {
        modified.add(path);
      }
    }

    private static boolean isEmptyOrAbsent(JsonNode v) {
      return v == null || ((v.isObject() || v.isArray()) && v.isEmpty());
    }

    private static int kind(JsonNode v) {
      return v.isObject() ? 1 : v.isArray() ? 2 : 0;
    }
  }
}
