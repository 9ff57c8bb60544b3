package dev.orca.api.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A field path from the object's root, printed as kube prints it in conflicts:
 * {@code .spec.template.spec.containers[name="web"].image}.
 */
public record Path(List<PathElement> elements) implements Comparable<Path> {
  public static final Path ROOT = new Path(List.of());

  public Path {
    elements = List.copyOf(elements);
  }

  public static Path of(PathElement... elements) {
    return new Path(List.of(elements));
  }

  /** A path of map fields only: {@code Path.fields("spec", "replicas")} is {@code .spec.replicas}. */
  public static Path fields(String... names) {
    List<PathElement> elements = new ArrayList<>();
    for (String name : names) {
      elements.add(PathElement.field(name));
    }
    return new Path(elements);
  }

  public Path child(PathElement element) {
    List<PathElement> longer = new ArrayList<>(elements.size() + 1);
    longer.addAll(elements);
    longer.add(element);
    return new Path(longer);
  }

  public int size() {
    return elements.size();
  }

  public boolean isRoot() {
    return elements.isEmpty();
  }

  public PathElement get(int i) {
    return elements.get(i);
  }

  public PathElement last() {
    return elements.get(elements.size() - 1);
  }

  /** True when {@code prefix} is this path or one of its ancestors. */
  public boolean startsWith(Path prefix) {
    return prefix.size() <= size() && elements.subList(0, prefix.size()).equals(prefix.elements);
  }

  /** Element by element; an ancestor sorts just before its descendants. */
  @Override
  public int compareTo(Path other) {
    int n = Math.min(size(), other.size());
    for (int i = 0; i < n; i++) {
      int c = elements.get(i).compareTo(other.elements.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(size(), other.size());
  }

  @Override
  public String toString() {
    return elements.stream().map(PathElement::toString).collect(Collectors.joining());
  }
}
