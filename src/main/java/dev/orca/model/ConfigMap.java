package dev.orca.model;

import java.util.Map;

/**
 * Configuration for pods: text values in {@code data}, base64-encoded bytes in {@code binaryData}.
 * Once {@code immutable} is true, neither may change.
 */
public record ConfigMap(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    Map<String, String> data,
    Map<String, String> binaryData,
    Boolean immutable) implements KubeObject {
  public static final String API_VERSION = "v1";
  public static final String KIND = "ConfigMap";

  @Override
  public ConfigMap withMetadata(ObjectMeta metadata) {
    return new ConfigMap(apiVersion, kind, metadata, data, binaryData, immutable);
  }

  public ConfigMap withData(Map<String, String> data) {
    return new ConfigMap(apiVersion, kind, metadata, data, binaryData, immutable);
  }
}
