package dev.orca.model;

/** A pod: one or more containers that run together on one node. */
public record Pod(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    PodSpec spec,
    PodStatus status) implements KubeObject {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Pod";

  @Override
  public Pod withMetadata(ObjectMeta metadata) {
    return new Pod(apiVersion, kind, metadata, spec, status);
  }

  public Pod withSpec(PodSpec spec) {
    return new Pod(apiVersion, kind, metadata, spec, status);
  }

  public Pod withStatus(PodStatus status) {
    return new Pod(apiVersion, kind, metadata, spec, status);
  }
}
