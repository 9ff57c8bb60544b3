package dev.orca.model;

import java.util.Map;

/**
 * Sensitive configuration for pods: {@code data} holds base64-encoded values. {@code stringData}
 * is write-only: {@link Defaults} merges it into {@code data} (encoded, overriding keys of the same
 * name) before the object is validated or stored, so it is never stored or returned.
 */
public record Secret(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    Map<String, String> data,
    Map<String, String> stringData,
    String type,
    Boolean immutable) implements KubeObject {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Secret";
  public static final String TYPE_OPAQUE = "Opaque";

  @Override
  public Secret withMetadata(ObjectMeta metadata) {
    return new Secret(apiVersion, kind, metadata, data, stringData, type, immutable);
  }
}
