package dev.orca.api;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * The discovery documents, derived from {@link ResourceType#values()}: what {@code /version},
 * {@code /api}, {@code /apis}, {@code /apis/GROUP} and {@code /api/v1}, {@code /apis/GROUP/VERSION}
 * answer, and the aggregated form of {@code /api} and {@code /apis} (apidiscovery.k8s.io
 * {@code APIGroupDiscoveryList}). Pure data; {@link DiscoveryRoutes} serves it.
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

  /** {@code group/version/kind} of what a resource or subresource answers. */
  public record GroupVersionKind(String group, String version, String kind) {}

  /** A subresource in aggregated discovery: {@code status}, {@code scale}, {@code log}, {@code eviction}. */
  public record APISubresourceDiscovery(String subresource, GroupVersionKind responseKind, List<String> verbs) {}

  /** A resource in aggregated discovery; scope is {@code Namespaced} or {@code Cluster}. */
  public record APIResourceDiscovery(String resource, GroupVersionKind responseKind, String scope,
      String singularResource, List<String> verbs, List<String> shortNames, List<String> categories,
      List<APISubresourceDiscovery> subresources) {}

  /** One version of a group, its resources; freshness is {@code Current}. */
  public record APIVersionDiscovery(String version, List<APIResourceDiscovery> resources, String freshness) {}

  /** The metadata of a group: its name (none for the core group); kube writes creationTimestamp null. */
  public record GroupMeta(String name, @JsonInclude(JsonInclude.Include.ALWAYS) String creationTimestamp) {}

  /** One group and its versions, the preferred one first. */
  public record APIGroupDiscovery(GroupMeta metadata, List<APIVersionDiscovery> versions) {}

  /** Aggregated {@code GET /api} (the core group) or {@code GET /apis} (the named groups). */
  public record APIGroupDiscoveryList(String kind, String apiVersion, Map<String, Object> metadata,
      List<APIGroupDiscovery> items) {}

  /** A subresource of a resource type; group and version null where they are the parent's. */
  private record Subresource(String name, String group, String version, String kind, List<String> verbs) {}

  /** A resource not stored as an object but served by routes of its own (the metrics API). */
  private record ServedResource(String group, String version, String plural, boolean namespaced, String kind,
      List<String> verbs) {}

  /** {@code metrics.k8s.io/v1beta1}, as metrics-server registers it ({@link MetricsRoutes} serves it). */
  private static final List<ServedResource> SERVED = List.of(
      new ServedResource(MetricsRoutes.GROUP, MetricsRoutes.VERSION, "nodes", false, "NodeMetrics", List.of("get", "list")),
      new ServedResource(MetricsRoutes.GROUP, MetricsRoutes.VERSION, "pods", true, "PodMetrics", List.of("get", "list")));

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
    for (ServedResource r : SERVED) {
      if (r.group().equals(group) && r.version().equals(version)) {
        resources.add(new APIResource(r.plural(), "", r.namespaced(), null, null, r.kind(), r.verbs(), null, null));
      }
    }
    if (resources.isEmpty()) {
      return Optional.empty();
    }
    resources.sort(Comparator.comparing(APIResource::name));
    String groupVersion = group.isEmpty() ? version : group + "/" + version;
    return Optional.of(new APIResourceList("APIResourceList", "v1", groupVersion, List.copyOf(resources)));
  }

  /**
   * Aggregated discovery: with {@code core}, what {@code /api} answers (the core group, unnamed);
   * otherwise what {@code /apis} answers (every named group).
   *
   * @param apiVersion {@code apidiscovery.k8s.io/v2} or {@code apidiscovery.k8s.io/v2beta1}; the
   *     documents are the same
   */
  public static APIGroupDiscoveryList aggregated(boolean core, String apiVersion) {
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    for (ResourceType t : ResourceType.values()) {
      if (t.group().isEmpty() == core) {
        groups.computeIfAbsent(t.group(), g -> new LinkedHashSet<>()).add(t.version());
      }
    }
    List<APIGroupDiscovery> items = new ArrayList<>();
    groups.forEach((group, versions) -> {
      List<APIVersionDiscovery> list = new ArrayList<>();
      for (String version : versions) {
        List<APIResourceDiscovery> resources = Arrays.stream(ResourceType.values())
            .filter(t -> t.group().equals(group) && t.version().equals(version))
            .map(Discovery::resourceDiscovery)
            .sorted(Comparator.comparing(APIResourceDiscovery::resource))
            .toList();
        list.add(new APIVersionDiscovery(version, resources, "Current"));
      }
      items.add(new APIGroupDiscovery(new GroupMeta(group.isEmpty() ? null : group, null), list));
    });
    if (!core) {
      Map<String, Map<String, List<APIResourceDiscovery>>> served = new LinkedHashMap<>();
      for (ServedResource r : SERVED) {
        served.computeIfAbsent(r.group(), g -> new LinkedHashMap<>()).computeIfAbsent(r.version(), v -> new ArrayList<>())
            .add(new APIResourceDiscovery(r.plural(), new GroupVersionKind(r.group(), r.version(), r.kind()),
                r.namespaced() ? "Namespaced" : "Cluster", null, r.verbs(), null, null, null));
      }
      served.forEach((group, versions) -> items.add(new APIGroupDiscovery(new GroupMeta(group, null),
          versions.entrySet().stream().map(e -> new APIVersionDiscovery(e.getKey(), List.copyOf(e.getValue()), "Current"))
              .toList())));
    }
    return new APIGroupDiscoveryList("APIGroupDiscoveryList", apiVersion, Map.of(), items);
  }

  private static APIResourceDiscovery resourceDiscovery(ResourceType t) {
    List<APISubresourceDiscovery> subresources = subresourcesOf(t).stream()
        .map(s -> new APISubresourceDiscovery(s.name(), new GroupVersionKind(
            s.group() == null ? t.group() : s.group(), s.version() == null ? t.version() : s.version(), s.kind()),
            s.verbs()))
        .sorted(Comparator.comparing(APISubresourceDiscovery::subresource))
        .toList();
    return new APIResourceDiscovery(t.plural(), new GroupVersionKind(t.group(), t.version(), t.kind()),
        t.namespaced() ? "Namespaced" : "Cluster", t.singular(), verbs(t),
        t.shortNames().isEmpty() ? null : t.shortNames(), categories(t), subresources.isEmpty() ? null : subresources);
  }

  /** The named groups and their versions, in the order of ResourceType (the first is preferred). */
  private static Map<String, Set<String>> groupVersions() {
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    for (ResourceType t : ResourceType.values()) {
      if (!t.group().isEmpty()) {
        groups.computeIfAbsent(t.group(), g -> new LinkedHashSet<>()).add(t.version());
      }
    }
    SERVED.forEach(r -> groups.computeIfAbsent(r.group(), g -> new LinkedHashSet<>()).add(r.version()));
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
      case POD, DEPLOYMENT, REPLICA_SET, SERVICE -> List.of("all");
      default -> null;
    };
  }

  private static List<APIResource> subresources(ResourceType t) {
    return subresourcesOf(t).stream()
        .map(s -> new APIResource(t.plural() + "/" + s.name(), "", t.namespaced(), s.group(), s.version(), s.kind(),
            s.verbs(), null, null))
        .toList();
  }



  /** status for every kind that has one, log and eviction for pods, scale for the workloads. */
  private static List<Subresource> subresourcesOf(ResourceType t) {
    List<Subresource> list = new ArrayList<>();
    if (t.hasStatus()) {
      list.add(new Subresource("status", null, null, t.kind(), SUBRESOURCE_VERBS));
    }
    switch (t) {
      case POD -> {
        list.add(new Subresource("log", null, null, "Pod", List.of("get")));
        list.add(new Subresource("eviction", "policy", "v1", "Eviction", List.of("create")));
      }
      case DEPLOYMENT, REPLICA_SET -> list.add(new Subresource("scale", "autoscaling", "v1", "Scale", SUBRESOURCE_VERBS));
      default -> { }
    }
    return list;
  }
}
