package dev.orca.model;

import java.util.List;
import java.util.Optional;

/** The API's resource types: how a kind is named on the wire and whether it lives in a namespace. */
public enum ResourceType {
  NAMESPACE(Namespace.class, "Namespace", "", "v1", "namespaces", "namespace", false, List.of("ns")),
  NODE(Node.class, "Node", "", "v1", "nodes", "node", false, List.of("no")),
  POD(Pod.class, "Pod", "", "v1", "pods", "pod", true, List.of("po")),
  EVENT(Event.class, "Event", "", "v1", "events", "event", true, List.of("ev")),
  CONFIG_MAP(ConfigMap.class, "ConfigMap", "", "v1", "configmaps", "configmap", true, List.of("cm")),
  SECRET(Secret.class, "Secret", "", "v1", "secrets", "secret", true, List.of()),
  REPLICA_SET(ReplicaSet.class, "ReplicaSet", "apps", "v1", "replicasets", "replicaset", true, List.of("rs")),
  DEPLOYMENT(Deployment.class, "Deployment", "apps", "v1", "deployments", "deployment", true, List.of("deploy")),
  SERVICE(Service.class, "Service", "", "v1", "services", "service", true, List.of("svc")),
  ENDPOINTS(Endpoints.class, "Endpoints", "", "v1", "endpoints", "endpoints", true, List.of("ep")),
  ENDPOINT_SLICE(EndpointSlice.class, "EndpointSlice", "discovery.k8s.io", "v1", "endpointslices", "endpointslice", true,
      List.of());

  private final Class<? extends KubeObject> type;
  private final String kind;
  private final String group;
  private final String version;
  private final String plural;
  private final String singular;
  private final boolean namespaced;
  private final List<String> shortNames;

  ResourceType(Class<? extends KubeObject> type, String kind, String group, String version, String plural,
      String singular, boolean namespaced, List<String> shortNames) {
    this.type = type;
    this.kind = kind;
    this.group = group;
    this.version = version;
    this.plural = plural;
    this.singular = singular;
    this.namespaced = namespaced;
    this.shortNames = shortNames;
  }

  public Class<? extends KubeObject> type() {
    return type;
  }

  public String kind() {
    return kind;
  }

  public String group() {
    return group;
  }

  public String version() {
    return version;
  }

  /** "v1" for the core group, "apps/v1" otherwise. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String plural() {
    return plural;
  }

  public String singular() {
    return singular;
  }

  public boolean namespaced() {
    return namespaced;
  }

  public List<String> shortNames() {
    return shortNames;
  }

  /** Whether it has a status subresource (kinds that are all data, like Events and Endpoints, have none). */
  public boolean hasStatus() {
    return this != EVENT && this != ENDPOINTS && this != ENDPOINT_SLICE && this != CONFIG_MAP && this != SECRET;
  }

  public static Optional<ResourceType> ofKind(String kind) {
    for (ResourceType t : values()) {
      if (t.kind.equals(kind)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  public static Optional<ResourceType> of(String group, String version, String plural) {
    for (ResourceType t : values()) {
      if (t.group.equals(group) && t.version.equals(version) && t.plural.equals(plural)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  public static ResourceType of(KubeObject object) {
    return ofKind(object.kind()).orElseThrow();
  }
}
