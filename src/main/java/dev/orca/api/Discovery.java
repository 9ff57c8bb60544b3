package dev.orca.api;

import dev.orca.model.ResourceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The (non-aggregated) discovery documents, derived from {@link ResourceType#values()}: what
 * {@code /version}, {@code /api}, {@code /apis}, {@code /apis/GROUP} and {@code /api/v1},
 * {@code /apis/GROUP/VERSION} answer. Pure data; {@link DiscoveryRoutes} serves it.
 */
public final class Discovery {
  /** The Kubernetes minor version reported by default; it picks the kubectl the dispatcher runs. */
  public static final String DEFAULT_MINOR = "32";

  static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  /** {@code GET /version}. */
  public record VersionInfo(String major, String minor, String gitVersion, String gitCommit, String gitTreeState,
      String buildDate, String goVersion, String compiler, String platform) {}

  public record ServerAddressByClientCIDR(String clientCIDR, String serverAddress) {}

  /** {@code GET /api}. */
  public record APIVersions(String kind, List<String> versions, List<ServerAddressByClientCIDR> serverAddressByClientCIDRs) {}

  public record GroupVersionForDiscovery(String groupVersion, String version) {}

  /** {@code GET /apis/GROUP}, and an item of {@link APIGroupList} (there without kind and apiVersion). */
  public record APIGroup(String kind, String apiVersion, String name, List<GroupVersionForDiscovery> versions,
      GroupVersionForDiscovery preferredVersion) {}

  /** {@code GET /apis}. */
  public record APIGroupList(String kind, String apiVersion, List<APIGroup> groups) {}

  /** A resource or subresource; group and version only where they differ from the list's. */
  public record APIResource(String name, String singularName, boolean namespaced, String group, String version,
      String kind, List<String> verbs, List<String> shortNames, List<String> categories) {}

  /** {@code GET /api/v1}, {@code GET /apis/GROUP/VERSION}. */
  public record APIResourceList(String kind, String apiVersion, String groupVersion, List<APIResource> resources) {}

  private Discovery() {}

  public static VersionInfo version() {
    return version(DEFAULT_MINOR);
  }

  /** Version 1.{@code minor}.0; the dispatcher at /usr/bin/kubectl runs kubectl 1.{@code minor}. */
  public static VersionInfo version(String minor) {
    return new VersionInfo("1", minor, "v1." + minor + ".0-orca", "", "clean", "2025-01-01T00:00:00Z", "go1.23",
        "gc", "linux/amd64");
  }

  /** {@code /api}: the core versions and where to reach the server. */
  public static APIVersions apiVersions(String serverAddress) {
    List<String> versions = Arrays.stream(ResourceType.values()).filter(t -> t.group().isEmpty())
        .map(ResourceType::version).distinct().toList();
    return new APIVersions("APIVersions", versions,
        List.of(new ServerAddressByClientCIDR("0.0.0.0/0", serverAddress)));
  }

  /** {@code /apis}: every named group. */
  public static APIGroupList groups() {
    List<APIGroup> groups = new ArrayList<>();
    for (String name : groupVersions().keySet()) {
      APIGroup g = group(name).orElseThrow();
      groups.add(new APIGroup(null, null, g.name(), g.versions(), g.preferredVersion()));
    }
    return new APIGroupList("APIGroupList", "v1", groups);
  }

  /** {@code /apis/GROUP}, if the group is served. */
  public static Optional<APIGroup> group(String name) {
    Set<String> versions = groupVersions().get(name);
    if (name.isEmpty() || versions == null) {
      return Optional.empty();
    }
    List<GroupVersionForDiscovery> list =
        versions.stream().map(v -> new GroupVersionForDiscovery(name + "/" + v, v)).toList();
    return Optional.of(new APIGroup("APIGroup", "v1", name, list, list.get(0)));
  }

  /** {@code /api/v1} (group "") or {@code /apis/GROUP/VERSION}, if that group version is served. */
  public static Optional<APIResourceList> resources(String group, String version) {
    List<APIResource> resources = new ArrayList<>();
    for (ResourceType t : ResourceType.values()) {
      if (t.group().equals(group) && t.version().equals(version)) {
        resources.add(resource(t));
        resources.addAll(subresources(t));
      }
    }
    if (resources.isEmpty()) {
      return Optional.empty();
    }
    resources.sort(Comparator.comparing(APIResource::name));
    String groupVersion = group.isEmpty() ? version : group + "/" + version;
    return Optional.of(new APIResourceList("APIResourceList", "v1", groupVersion, List.copyOf(resources)));
  }

  /** The named groups and their versions, in the order of ResourceType (the first is preferred). */
  private static Map<String, Set<String>> groupVersions() {
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    for (ResourceType t : ResourceType.values()) {
      if (!t.group().isEmpty()) {
        groups.computeIfAbsent(t.group(), g -> new LinkedHashSet<>()).add(t.version());
      }
    }
    return groups;
  }

  private static APIResource resource(ResourceType t) {
    return new APIResource(t.plural(), t.singular(), t.namespaced(), null, null, t.kind(), verbs(t),
        t.shortNames().isEmpty() ? null : t.shortNames(), categories(t));
  }

  /** As kube-apiserver: namespaces cannot be deleted as a collection. */
  private static List<String> verbs(ResourceType t) {
    return t == ResourceType.NAMESPACE ? ALL_VERBS.stream().filter(v -> !v.equals("deletecollection")).toList()
        : ALL_VERBS;
  }

  /** The kinds {@code kubectl get all} lists. */
  private static List<String> categories(ResourceType t) {
    return switch (t) {
      case POD, DEPLOYMENT, REPLICA_SET -> List.of("all");
      default -> null;
    };
  }

  private static List<APIResource> subresources(ResourceType t) {
    List<APIResource> list = new ArrayList<>();
    if (t != ResourceType.EVENT) {
      list.add(subresource(t, "status", null, null, t.kind(), SUBRESOURCE_VERBS));
    }
    switch (t) {
      case POD -> {
        list.add(subresource(t, "log", null, null, "Pod", List.of("get")));
        list.add(subresource(t, "eviction", "policy", "v1", "Eviction", List.of("create")));
      }
      case DEPLOYMENT, REPLICA_SET -> list.add(subresource(t, "scale", "autoscaling", "v1", "Scale", SUBRESOURCE_VERBS));
      default -> { }
    }
    return list;
  }

  private static APIResource subresource(ResourceType t, String name, String group, String version, String kind,
      List<String> verbs) {
    return new APIResource(t.plural() + "/" + name, "", t.namespaced(), group, version, kind, verbs, null, null);
  }
}
