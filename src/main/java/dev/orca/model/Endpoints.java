package dev.orca.model;

import java.util.List;

/** The addresses behind a Service of the same name: ready ones in {@code addresses}, the rest in {@code notReadyAddresses}. */
public record Endpoints(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    List<EndpointSubset> subsets) implements KubeObject {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Endpoints";

  @Override
  public Endpoints withMetadata(ObjectMeta metadata) {
    return new Endpoints(apiVersion, kind, metadata, subsets);
  }
}
