package dev.orca.model;

import java.util.List;

/** discovery.k8s.io/v1: a Service's endpoints with their conditions (ready, serving, terminating). */
public record EndpointSlice(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    String addressType,
    List<SliceEndpoint> endpoints,
    List<EndpointPort> ports) implements KubeObject {
  public static final String API_VERSION = "discovery.k8s.io/v1";
  public static final String KIND = "EndpointSlice";
  /** The label naming the Service a slice belongs to. */
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";

  @Override
  public EndpointSlice withMetadata(ObjectMeta metadata) {
    return new EndpointSlice(apiVersion, kind, metadata, addressType, endpoints, ports);
  }
}
