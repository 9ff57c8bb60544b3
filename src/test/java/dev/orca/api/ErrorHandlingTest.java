package dev.orca.api;

import static dev.orca.api.TestServer.contentType;
import static dev.orca.api.TestServer.json;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameter;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.put;
import static org.apache.pekko.http.javadsl.server.Directives.reject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import dev.orca.model.ResourceType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Rejections;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.StringUnmarshallers;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every failure over a bound port is a Status with the right code. */
class ErrorHandlingTest {
  private static final int MIB = 1024 * 1024;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(settings -> ErrorHandling.handled(routes(Limits.of(settings))));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Route routes(Limits limits) {
    return concat(
        new DiscoveryRoutes().route(),
        // Echoes the parsed body, in the format the Accept header asks for.
        path("echo", () -> post(() -> extractRequest(request -> limits.json(body -> complete(
            Bodies.render(body, 201, request.getHeader("Accept").map(h -> h.value()).orElse(null))))))),
        // Reads the entity without Limits: only max-content-length applies.
        path("raw", () -> post(() -> entity(Unmarshaller.entityToString(), s -> complete("read " + s.length())))),
        path("only-get", () -> get(() -> complete("ok"))),
        path("boom", () -> get(() -> {
          throw new IllegalStateException("boom\n\tat secret.Internal.method(Internal.java:42)");
        })),
        path("boom-async", () -> get(() -> onSuccess(
            CompletableFuture.<String>failedFuture(new NullPointerException()), s -> complete(s)))),
        path("not-found", () -> get(() -> {
          throw ApiErrors.notFound(ResourceType.DEPLOYMENT, "web");
        })),
        path("busy", () -> get(() -> {
          throw ApiErrors.tooManyRequests(7);
        })),
        path("slow", () -> get(() -> onSuccess(
            CompletableFuture.<String>failedFuture(new TimeoutException("ask timed out")), s -> complete(s)))),
        path("limit", () -> get(() -> parameter(StringUnmarshallers.INTEGER, "limit", n -> complete("limit " + n)))),
        path("csv-only", () -> put(() ->
            reject(Rejections.unsupportedRequestContentType(List.of(MediaTypes.TEXT_CSV))))));
  }

  @Test
  void unknownPathIs404Status() throws Exception {
    HttpResponse<String> r = server.get("/api/v1/namespaces/default/pods/nope");
    assertStatus(r, 404, "NotFound", "the server could not find the requested resource");
    assertFalse(json(r).has("details"));
  }

  @Test
  void apiExceptionKeepsItsStatus() throws Exception {
    HttpResponse<String> r = server.get("/not-found");
    assertStatus(r, 404, "NotFound", "deployments.apps \"web\" not found");
    JsonNode details = json(r).path("details");
    assertEquals("web", details.path("name").asText());
    assertEquals("apps", details.path("group").asText());
    assertEquals("deployments", details.path("kind").asText());
  }

  @Test
  void wrongMethodIs405WithAllow() throws Exception {
    HttpResponse<String> r = server.send("DELETE", "/only-get", null, null);
    assertStatus(r, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    assertEquals("GET", r.headers().firstValue("Allow").orElse(""));
    assertStatus(server.send("POST", "/api/v1", "application/json", "{}".getBytes()), 405, "MethodNotAllowed", null);
  }

  @Test
  void bodyOverThreeMebibytesIs413() throws Exception {
    TestServer.RawResponse r = server.sendReadingEarly("POST", "/echo", "application/json", jsonOfSize(4 * MIB), false);
    assertStatus(r, 413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
  }

  @Test
  void bodyOverThreeMebibytesIs413WithoutContentLength() throws Exception {
    // Chunked: the limit is found while reading, not from a header.
    TestServer.RawResponse r = server.sendReadingEarly("POST", "/echo", "application/json", jsonOfSize(4 * MIB), true);
    assertStatus(r, 413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
  }

  @Test
  void routeWithoutLimitsGets413FromMaxContentLength() throws Exception {
    TestServer.RawResponse r = server.sendReadingEarly("POST", "/raw", "text/plain", jsonOfSize(4 * MIB), false);
    assertStatus(r, 413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
  }

  @Test
  void bodyOfExactlyTheLimitIsAccepted() throws Exception {
    HttpResponse<String> r = server.send("POST", "/echo", "application/json", jsonOfSize(3 * MIB));
    assertEquals(201, r.statusCode(), r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
  }

  @Test
  void malformedJsonIs400WithPosition() throws Exception {
    String body = "{\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": }\n}";
    HttpResponse<String> r = server.send("POST", "/echo", "application/json", body.getBytes());
    assertStatus(r, 400, "BadRequest", null);
    String message = json(r).path("message").asText();
    assertTrue(message.startsWith("couldn't get version/kind; json parse error: "), message);
    assertTrue(message.contains("line 3, column"), message);
  }

  @Test
  void malformedYamlIs400WithPosition() throws Exception {
    String body = "kind: Pod\nmetadata:\n  name: web: x\n";
    HttpResponse<String> r = server.send("POST", "/echo", "application/yaml", body.getBytes());
    assertStatus(r, 400, "BadRequest", null);
    String message = json(r).path("message").asText();
    assertTrue(message.startsWith("error converting YAML to JSON: yaml: line 3, column "), message);
    assertTrue(message.contains("mapping values are not allowed"), message);
  }

  @Test
  void multiDocumentYamlAndEmptyBodyAre400() throws Exception {
    HttpResponse<String> multi = server.send("POST", "/echo", "application/yaml", "a: 1\n---\nb: 2\n".getBytes());
    assertStatus(multi, 400, "BadRequest", null);
    assertTrue(json(multi).path("message").asText().contains("more than one YAML document"));
    assertStatus(server.send("POST", "/echo", "application/json", new byte[0]), 400, "BadRequest",
        "the request body is empty");
  }

  @Test
  void yamlBodyAndYamlResponse() throws Exception {
    HttpResponse<String> r = server.send("POST", "/echo", "application/yaml",
        "kind: Pod\nmetadata:\n  name: web\n".getBytes(), "Accept", "application/yaml");
    assertEquals(201, r.statusCode());
    assertEquals("application/yaml", contentType(r));
    assertEquals("kind: Pod\nmetadata:\n  name: web\n", r.body());

    HttpResponse<String> asJson = server.send("POST", "/echo", null, "kind: Pod\n".getBytes(),
        "Accept", "application/json, application/yaml;q=0.5");
    assertEquals("application/json", contentType(asJson));
    assertEquals("{\"kind\":\"Pod\"}", asJson.body());
  }

  @Test
  void exceptionIs500WithoutStackTrace() throws Exception {
    HttpResponse<String> r = server.get("/boom");
    assertStatus(r, 500, "InternalError", "Internal error occurred: IllegalStateException: boom");
    assertFalse(r.body().contains("secret.Internal"), r.body());
    assertFalse(r.body().contains("\\tat "), r.body());
    assertFalse(r.body().contains("dev.orca"), r.body());

    HttpResponse<String> async = server.get("/boom-async");
    assertStatus(async, 500, "InternalError", "Internal error occurred: NullPointerException");
    assertFalse(async.body().contains("dev.orca"), async.body());
  }

  @Test
  void tooManyRequestsCarriesRetryAfter() throws Exception {
    HttpResponse<String> r = server.get("/busy");
    assertStatus(r, 429, "TooManyRequests", "Too many requests, please try again later.");
    assertEquals("7", r.headers().firstValue("Retry-After").orElse(""));
    assertEquals(7, json(r).path("details").path("retryAfterSeconds").asInt());
  }

  @Test
  void timeoutIs504() throws Exception {
    assertStatus(server.get("/slow"), 504, "Timeout",
        "Timeout: request did not complete within requested timeout - context deadline exceeded");
  }

  @Test
  void malformedQueryParameterIs400() throws Exception {
    HttpResponse<String> r = server.get("/limit?limit=abc");
    assertStatus(r, 400, "BadRequest", null);
    assertTrue(json(r).path("message").asText().startsWith("invalid value for query parameter \"limit\""));
    assertEquals("limit 5", server.get("/limit?limit=5").body());
  }

  @Test
  void unsupportedContentTypeIs415() throws Exception {
    HttpResponse<String> r = server.send("PUT", "/csv-only", "application/json", "{}".getBytes());
    assertStatus(r, 415, "UnsupportedMediaType", null);
    assertTrue(json(r).path("message").asText().contains("\"application/json\""), r.body());
  }

  @Test
  void uriTooLongIsAStatusToo() throws Exception {
    HttpResponse<String> r = server.get("/api/v1/pods?labelSelector=" + "a".repeat(20_000));
    assertEquals(414, r.statusCode());
    assertEquals("application/json", contentType(r));
    assertEquals("Status", json(r).path("kind").asText());
  }

  private static void assertStatus(HttpResponse<String> r, int code, String reason, String message) throws Exception {
    assertStatus(new TestServer.RawResponse(r.statusCode(), contentType(r), r.body()), code, reason, message);
  }

  private static void assertStatus(TestServer.RawResponse r, int code, String reason, String message) throws Exception {
    assertEquals(code, r.statusCode(), r.body());
    assertEquals("application/json", r.contentType(), r.body());
    JsonNode status = Json.mapper().readTree(r.body());
    assertEquals("Status", status.path("kind").asText());
    assertEquals("v1", status.path("apiVersion").asText());
    assertEquals("{}", status.path("metadata").toString());
    assertEquals("Failure", status.path("status").asText());
    assertEquals(code, status.path("code").asInt());
    assertEquals(reason, status.path("reason").asText());
    if (message != null) {
      assertEquals(message, status.path("message").asText());
    }
  }

  /** A JSON object of exactly {@code size} bytes. */
  private static byte[] jsonOfSize(int size) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) 'x');
    byte[] head = "{\"a\":\"".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, b, 0, head.length);
    b[size - 2] = '"';
    b[size - 1] = '}';
    return b;
  }
}
