package dev.orca.model;

/** Declarative updates of pods through ReplicaSets. */
public record Deployment(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    DeploymentSpec spec,
    DeploymentStatus status) implements KubeObject {
  public static final String API_VERSION = "apps/v1";
  public static final String KIND = "Deployment";

  @Override
  public Deployment withMetadata(ObjectMeta metadata) {
    return new Deployment(apiVersion, kind, metadata, spec, status);
  }

  public Deployment withSpec(DeploymentSpec spec) {
    return new Deployment(apiVersion, kind, metadata, spec, status);
  }

  public Deployment withStatus(DeploymentStatus status) {
    return new Deployment(apiVersion, kind, metadata, spec, status);
  }
}
