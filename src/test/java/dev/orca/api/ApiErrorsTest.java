package dev.orca.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.orca.model.Json;
import dev.orca.model.ResourceType;
import dev.orca.model.Status;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.Test;

/** The Status shapes and messages kube-apiserver sends (see kubectl-wire/err-*.server.log). */
class ApiErrorsTest {
  @Test
  void notFoundNamesTheGroupResource() throws Exception {
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"pods \\\"nope\\\" not found\",\"reason\":\"NotFound\","
            + "\"details\":{\"name\":\"nope\",\"group\":\"\",\"kind\":\"pods\"},\"code\":404}",
        Json.mapper().writeValueAsString(ApiErrors.notFound(ResourceType.POD, "nope").status()));
    Status s = ApiErrors.notFound(ResourceType.DEPLOYMENT, "web").status();
    assertEquals("deployments.apps \"web\" not found", s.message());
    assertEquals("apps", s.details().group());
    assertEquals("deployments", s.details().kind());
  }

  @Test
  void alreadyExistsAndConflict() {
    Status exists = ApiErrors.alreadyExists(ResourceType.DEPLOYMENT, "web").status();
    assertEquals(409, exists.code());
    assertEquals("AlreadyExists", exists.reason());
    assertEquals("deployments.apps \"web\" already exists", exists.message());

    Status conflict = ApiErrors.conflict(ResourceType.POD, "web").status();
    assertEquals(409, conflict.code());
    assertEquals("Conflict", conflict.reason());
    assertEquals("Operation cannot be fulfilled on pods \"web\": the object has been modified; "
        + "please apply your changes to the latest version and try again", conflict.message());
    assertEquals("pods", conflict.details().kind());
  }

  @Test
  void invalidListsItsCauses() throws Exception {
    Status one = ApiErrors.invalid(ResourceType.DEPLOYMENT, "web",
        List.of(FieldErrors.invalid("spec.replicas", -1, "must be greater than or equal to 0"))).status();
    assertEquals(422, one.code());
    assertEquals("Invalid", one.reason());
    assertEquals("Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: "
        + "must be greater than or equal to 0", one.message());
    assertEquals("{\"name\":\"web\",\"group\":\"apps\",\"kind\":\"Deployment\",\"causes\":[{\"reason\":"
            + "\"FieldValueInvalid\",\"message\":\"Invalid value: -1: must be greater than or equal to 0\","
            + "\"field\":\"spec.replicas\"}]}",
        Json.mapper().writeValueAsString(one.details()));

    Status two = ApiErrors.invalid(ResourceType.POD, "web", List.of(
        FieldErrors.required("spec.containers", null),
        FieldErrors.invalid("metadata.name", "Web", "must be lowercase"))).status();
    assertEquals("Pod \"web\" is invalid: [spec.containers: Required value, "
        + "metadata.name: Invalid value: \"Web\": must be lowercase]", two.message());
    assertEquals("Pod", two.details().kind());
    assertEquals("", two.details().group());
  }

  @Test
  void theOtherErrors() {
    assertStatus(ApiErrors.badRequest("nope"), 400, "BadRequest", "nope");
    assertStatus(ApiErrors.tooOldResourceVersion(5, 120), 410, "Expired", "too old resource version: 5 (120)");
    assertStatus(ApiErrors.requestTooLarge(), 413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
    assertStatus(ApiErrors.methodNotAllowed(), 405, "MethodNotAllowed",
        "the server does not allow this method on the requested resource");
    assertStatus(ApiErrors.methodNotAllowed(ResourceType.NAMESPACE, "deletecollection"), 405, "MethodNotAllowed",
        "deletecollection is not supported on resources of kind \"namespaces\"");
    assertStatus(ApiErrors.unsupportedMediaType(null), 415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml");
    assertStatus(ApiErrors.notAcceptable(), 406, "NotAcceptable",
        "only the following media types are accepted: application/json, application/yaml");
    assertStatus(ApiErrors.internal("etcd is down"), 500, "InternalError", "Internal error occurred: etcd is down");
    assertStatus(ApiErrors.timeout(), 504, "Timeout",
        "Timeout: request did not complete within requested timeout - context deadline exceeded");
    ApiException busy = ApiErrors.tooManyRequests(3);
    assertStatus(busy, 429, "TooManyRequests", "Too many requests, please try again later.");
    assertEquals(3, busy.status().details().retryAfterSeconds());
    assertNull(ApiErrors.badRequest("x").status().details());
  }

  @Test
  void responseIsJsonWithTheCodeAndRetryAfter() {
    HttpResponse r = ApiErrors.toResponse(ApiErrors.tooManyRequests(3));
    assertEquals(429, r.status().intValue());
    assertEquals("application/json", r.entity().getContentType().toString());
    assertEquals("3", r.getHeader("Retry-After").orElseThrow().value());
    assertEquals(404, ApiErrors.toResponse(ApiErrors.pathNotFound()).status().intValue());
  }

  private static void assertStatus(ApiException e, int code, String reason, String message) {
    assertEquals(code, e.code());
    assertEquals(code, e.status().code());
    assertEquals(reason, e.reason());
    assertEquals("Failure", e.status().status());
    assertEquals(message, e.status().message());
    assertEquals(message, e.getMessage());
  }
}
