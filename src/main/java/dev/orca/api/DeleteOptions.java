package dev.orca.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import org.apache.pekko.http.javadsl.model.Query;

/**
 * What a DELETE asks for: the propagation policy and a uid precondition, from the body
 * (DeleteOptions) or the query. A body that does not decode — drain may send protobuf — is
 * ignored rather than refused.
 */
record DeleteOptions(String propagationPolicy, String preconditionUid) {

  static DeleteOptions from(byte[] body, Query query) {
    String policy = query.get("propagationPolicy").orElse(null);
    String uid = null;
    if (body.length > 0) {
      try {
        JsonNode node = Json.mapper().readTree(body);
        if (node != null && node.hasNonNull("propagationPolicy")) {
          policy = node.get("propagationPolicy").asText();
        } else if (node != null && node.has("orphanDependents") && node.get("orphanDependents").asBoolean()) {
          policy = "Orphan";
        }
        if (node != null && node.path("preconditions").hasNonNull("uid")) {
          uid = node.path("preconditions").get("uid").asText();
        }
      } catch (Exception ignored) {
        // not JSON: keep the query's options
      }
    }
    return new DeleteOptions(policy, uid);
  }
}
