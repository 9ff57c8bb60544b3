package dev.orca.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An API object: apiVersion, kind, metadata. Its {@code kind} field names the record, so a stored
 * object or a request body reads back as the right type.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "kind", visible = true)
@JsonSubTypes({
  @JsonSubTypes.Type(value = Pod.class, name = Pod.KIND),
  @JsonSubTypes.Type(value = ReplicaSet.class, name = ReplicaSet.KIND),
  @JsonSubTypes.Type(value = Deployment.class, name = Deployment.KIND),
  @JsonSubTypes.Type(value = Node.class, name = Node.KIND),
  @JsonSubTypes.Type(value = Namespace.class, name = Namespace.KIND),
  @JsonSubTypes.Type(value = Event.class, name = Event.KIND),
  @JsonSubTypes.Type(value = Service.class, name = Service.KIND),
  @JsonSubTypes.Type(value = Endpoints.class, name = Endpoints.KIND),
  @JsonSubTypes.Type(value = EndpointSlice.class, name = EndpointSlice.KIND),
  @JsonSubTypes.Type(value = ConfigMap.class, name = ConfigMap.KIND),
  @JsonSubTypes.Type(value = Secret.class, name = Secret.KIND)
})
public sealed interface KubeObject permits Pod, ReplicaSet, Deployment, Node, Namespace, Event, Service, Endpoints,
    EndpointSlice, ConfigMap, Secret {
  String apiVersion();

  String kind();

  ObjectMeta metadata();

  /** A copy with other metadata; objects are never mutated. */
  KubeObject withMetadata(ObjectMeta metadata);
}
