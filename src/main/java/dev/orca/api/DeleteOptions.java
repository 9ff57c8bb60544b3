package dev.orca.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import org.apache.pekko.http.javadsl.model.Query;

/**
 * What a DELETE asks for: the propagation policy, a grace period and a uid precondition, from the
 * body (DeleteOptions) or the query. A body that does not decode — drain may send protobuf — is
 * ignored rather than refused.
 */
record DeleteOptions(String propagationPolicy, String preconditionUid, Long gracePeriodSeconds) {

  static DeleteOptions from(byte[] body, Query query) {
    JsonNode node = null;
    if (body.length > 0) {
      try {
        node = Json.mapper().readTree(body);
      } catch (Exception ignored) {
        // not JSON: keep the query's options
      }
    }
    DeleteOptions fromBody = from(node == null ? Json.mapper().createObjectNode() : node);
    String policy = fromBody.propagationPolicy() != null ? fromBody.propagationPolicy()
        : query.get("propagationPolicy").orElse(null);
    Long grace = fromBody.gracePeriodSeconds();
    if (grace == null && query.get("gracePeriodSeconds").isPresent()) {
      try {
        grace = Long.parseLong(query.get("gracePeriodSeconds").get());
      } catch (NumberFormatException e) {
        throw ApiErrors.badRequest("invalid gracePeriodSeconds: " + query.get("gracePeriodSeconds").get());
      }
    }
    return new DeleteOptions(policy, fromBody.preconditionUid(), grace);
  }

  /** From a DeleteOptions object (also an Eviction's deleteOptions). */
  static DeleteOptions from(JsonNode node) {
    String policy = null;
    if (node.hasNonNull("propagationPolicy")) {
      policy = node.get("propagationPolicy").asText();
    } else if (node.has("orphanDependents") && node.get("orphanDependents").asBoolean()) {
      policy = "Orphan";
    }
    String uid = node.path("preconditions").hasNonNull("uid") ? node.path("preconditions").get("uid").asText() : null;
    Long grace = node.hasNonNull("gracePeriodSeconds") ? node.get("gracePeriodSeconds").asLong() : null;
    return new DeleteOptions(policy, uid, grace);
  }
}
