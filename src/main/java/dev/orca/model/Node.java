package dev.orca.model;

/** A machine that runs pods. */
public record Node(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    NodeSpec spec,
    NodeStatus status) implements KubeObject {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Node";

  @Override
  public Node withMetadata(ObjectMeta metadata) {
    return new Node(apiVersion, kind, metadata, spec, status);
  }

  public Node withSpec(NodeSpec spec) {
    return new Node(apiVersion, kind, metadata, spec, status);
  }

  public Node withStatus(NodeStatus status) {
    return new Node(apiVersion, kind, metadata, spec, status);
  }
}
