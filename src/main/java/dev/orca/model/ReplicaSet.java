package dev.orca.model;

/** Keeps a number of identical pods running. */
public record ReplicaSet(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ReplicaSetSpec spec,
    ReplicaSetStatus status) implements KubeObject {
  public static final String API_VERSION = "apps/v1";
  public static final String KIND = "ReplicaSet";

  @Override
  public ReplicaSet withMetadata(ObjectMeta metadata) {
    return new ReplicaSet(apiVersion, kind, metadata, spec, status);
  }

  public ReplicaSet withSpec(ReplicaSetSpec spec) {
    return new ReplicaSet(apiVersion, kind, metadata, spec, status);
  }

  public ReplicaSet withStatus(ReplicaSetStatus status) {
    return new ReplicaSet(apiVersion, kind, metadata, spec, status);
  }
}
