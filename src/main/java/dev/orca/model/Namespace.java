package dev.orca.model;

/** A scope for names. */
public record Namespace(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    NamespaceSpec spec,
    NamespaceStatus status) implements KubeObject {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Namespace";

  @Override
  public Namespace withMetadata(ObjectMeta metadata) {
    return new Namespace(apiVersion, kind, metadata, spec, status);
  }

  public Namespace withSpec(NamespaceSpec spec) {
    return new Namespace(apiVersion, kind, metadata, spec, status);
  }

  public Namespace withStatus(NamespaceStatus status) {
    return new Namespace(apiVersion, kind, metadata, spec, status);
  }
}
