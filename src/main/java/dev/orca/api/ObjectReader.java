package dev.orca.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.model.Json;
import dev.orca.model.KubeObject;
import dev.orca.model.ResourceType;

/**
 * Turns a request body into the object the URL names, answering as kube-apiserver does when the
 * body names another kind or version, or does not decode.
 */
final class ObjectReader {
  private ObjectReader() {}

  static KubeObject read(ResourceType type, JsonNode body) {
    if (!(body instanceof ObjectNode node)) {
      throw ApiErrors.badRequest("the body of the request must be a JSON or YAML object");
    }
    JsonNode apiVersion = node.get("apiVersion");
    JsonNode kind = node.get("kind");
    if (apiVersion != null && !apiVersion.asText().equals(type.apiVersion())) {
      throw ApiErrors.badRequest("the API version in the data (" + apiVersion.asText()
          + ") does not match the expected API version (" + type.apiVersion() + ")");
    }
    if (kind != null && !kind.asText().equals(type.kind())) {
      throw ApiErrors.badRequest("the kind in the data (" + kind.asText()
          + ") does not match the expected kind (" + type.kind() + ")");
    }
    ObjectNode copy = node.deepCopy();
    copy.put("apiVersion", type.apiVersion());
    copy.put("kind", type.kind());
    if (!copy.has("metadata") || !copy.get("metadata").isObject()) {
      copy.putObject("metadata");
    }
    try {
      return Json.mapper().treeToValue(copy, type.type());
    } catch (Exception e) {
      throw ApiErrors.badRequest(type.kind() + " in version \"" + type.version()
          + "\" cannot be handled as a " + type.kind() + ": " + Problems.describe(e));
    }
  }
}
