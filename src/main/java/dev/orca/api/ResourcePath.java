package dev.orca.api;

import dev.orca.model.ResourceType;
import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes resource URL taken apart: {@code /api/v1/namespaces/default/pods/web/status} is
 * type pods, namespace default, name web, subresource status. Pure; unknown shapes are empty.
 */
public record ResourcePath(ResourceType type, String namespace, String name, String subresource) {

  public boolean isCollection() {
    return name == null;
  }

  /**
   * @param group "" for /api/v1, the group for /apis/GROUP/VERSION
   * @param segments the path segments after the version
   */
  public static Optional<ResourcePath> parse(String group, String version, List<String> segments) {
    int n = segments.size();
    if (n == 0) {
      return Optional.empty();
    }
    if (segments.get(0).equals("namespaces") && n >= 3 && !(n == 3 && isNamespaceSubresource(segments.get(2)))) {
      String namespace = segments.get(1);
      Optional<ResourceType> type = ResourceType.of(group, version, segments.get(2)).filter(ResourceType::namespaced);
      if (type.isEmpty() || n > 5) {
        return Optional.empty();
      }
      return Optional.of(new ResourcePath(type.get(), namespace, n >= 4 ? segments.get(3) : null, n == 5 ? segments.get(4) : null));
    }
    Optional<ResourceType> type = ResourceType.of(group, version, segments.get(0));
    if (type.isEmpty() || n > 3 || (n >= 2 && type.get().namespaced())) {
      return Optional.empty();
    }
    return Optional.of(new ResourcePath(type.get(), null, n >= 2 ? segments.get(1) : null, n == 3 ? segments.get(2) : null));
  }

  private static boolean isNamespaceSubresource(String segment) {
    return segment.equals("status") || segment.equals("finalize");
  }
}
