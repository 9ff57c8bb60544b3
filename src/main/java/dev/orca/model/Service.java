package dev.orca.model;

/** A stable address (a cluster IP and ports, and node ports) in front of the pods its selector picks. */
public record Service(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ServiceSpec spec,
    ServiceStatus status) implements KubeObject {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Service";

  @Override
  public Service withMetadata(ObjectMeta metadata) {
    return new Service(apiVersion, kind, metadata, spec, status);
  }

  public Service withSpec(ServiceSpec spec) {
    return new Service(apiVersion, kind, metadata, spec, status);
  }
}
