package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An immutable set of field paths: what a manager owns. Members are leaves, list items
 * ({@code k:…}, {@code v:…}), atomic maps and lists as a whole, and explicitly empty maps. Sorted
 * so that a path's descendants follow it directly.
 */
public final class FieldSet {
  private static final FieldSet EMPTY = new FieldSet(new TreeSet<>());

  private final NavigableSet<Path> paths;

  private FieldSet(TreeSet<Path> paths) {
    this.paths = Collections.unmodifiableNavigableSet(paths);
  }

  public static FieldSet empty() {
    return EMPTY;
  }

  public static FieldSet of(Path... paths) {
    return of(List.of(paths));
  }

  public static FieldSet of(Collection<Path> paths) {
    return paths.isEmpty() ? EMPTY : new FieldSet(new TreeSet<>(paths));
  }

  /**
   * The fields an object sets, with Orca's list keys for its kind (kube's {@code ToFieldSet}).
   * List items without their keys are skipped.
   */
  public static FieldSet of(JsonNode object, ListKeys keys) {
    return FieldCollector.collect(object, keys, false);
  }

  /** Reads a FieldsV1 object such as {@code {"f:spec":{"f:replicas":{}}}}. */
  public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
    return FieldsV1.decode(fieldsV1);
  }

  /** Writes the set as a FieldsV1 object, keys in kube's order. */
  public ObjectNode toFieldsV1() {
    return FieldsV1.encode(this);
  }

  public NavigableSet<Path> paths() {
    return paths;
  }

  public boolean isEmpty() {
    return paths.isEmpty();
  }

  public int size() {
    return paths.size();
  }

  public boolean contains(Path path) {
    return paths.contains(path);
  }

  /** True when some member lies strictly below {@code path}. */
  public boolean hasDescendant(Path path) {
    Path next = paths.higher(path);
    return next != null && next.startsWith(path) && next.size() > path.size();
  }

  public FieldSet union(FieldSet other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    TreeSet<Path> out = new TreeSet<>(paths);
    out.addAll(other.paths);
    return new FieldSet(out);
  }

  public FieldSet intersection(FieldSet other) {
    return filter(other::contains);
  }

  public FieldSet difference(FieldSet other) {
    return other.isEmpty() ? this : filter(p -> !other.contains(p));
  }

  /** This set without {@code prefix} and everything below it. */
  public FieldSet withoutPrefix(Path prefix) {
    return filter(p -> !p.startsWith(prefix));
  }

  /** Only {@code prefix} and what lies below it. */
  public FieldSet onlyPrefix(Path prefix) {
    return filter(p -> p.startsWith(prefix));
  }

  FieldSet filter(Predicate<Path> keep) {
    TreeSet<Path> out = new TreeSet<>();
    for (Path p : paths) {
      if (keep.test(p)) {
        out.add(p);
      }
    }
    if (out.size() == paths.size()) {
      return this;
    }
    return out.isEmpty() ? EMPTY : new FieldSet(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet && ((FieldSet) o).paths.equals(paths);
  }

  @Override
  public int hashCode() {
    return paths.hashCode();
  }

  /** One path per line, as kube prints sets. */
  @Override
  public String toString() {
    return paths.stream().map(Path::toString).collect(Collectors.joining("\n"));
  }
}
