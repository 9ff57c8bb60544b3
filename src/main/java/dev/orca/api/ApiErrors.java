package dev.orca.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orca.model.Json;
import dev.orca.model.ResourceType;
import dev.orca.model.Status;
import dev.orca.model.StatusCause;
import dev.orca.model.StatusDetails;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;

/**
 * kube-apiserver's errors (k8s.io/apimachinery/pkg/api/errors), same codes, reasons, messages and
 * details, and their rendering as a JSON {@code Status} response.
 *
 * <p>The factories return an {@link ApiException}: {@code throw ApiErrors.notFound(POD, "web")}, or
 * {@code .status()} for the bare {@code Status} (e.g. a watch ERROR event).
 */
public final class ApiErrors {
  /** kube-apiserver's limit for a request body: 3 MiB. */
  public static final long DEFAULT_BODY_LIMIT = 3L * 1024 * 1024;

  static final String CONFLICT_MODIFIED =
      "the object has been modified; please apply your changes to the latest version and try again";
  static final String PATH_NOT_FOUND = "the server could not find the requested resource";
  static final String METHOD_NOT_ALLOWED = "the server does not allow this method on the requested resource";
  static final List<String> BODY_MEDIA_TYPES = List.of("application/json", "application/yaml");

  private ApiErrors() {}

  /** 400 BadRequest. */
  public static ApiException badRequest(String message) {
    return failure(400, "BadRequest", message, null);
  }

  /** 404 NotFound: {@code pods "web" not found}, {@code deployments.apps "web" not found}. */
  public static ApiException notFound(ResourceType type, String name) {
    return failure(404, "NotFound", resource(type) + " " + quote(name) + " not found", details(type, name));
  }

  /** 404 NotFound for a path that names nothing the server serves. */
  public static ApiException pathNotFound() {
    return failure(404, "NotFound", PATH_NOT_FOUND, null);
  }

  /** 409 AlreadyExists: {@code pods "web" already exists}. */
  public static ApiException alreadyExists(ResourceType type, String name) {
    return failure(409, "AlreadyExists", resource(type) + " " + quote(name) + " already exists", details(type, name));
  }

  /** 409 Conflict for a stale resourceVersion: {@code Operation cannot be fulfilled on pods "web": the object has been modified; ...}. */
  public static ApiException conflict(ResourceType type, String name) {
    return conflict(type, name, CONFLICT_MODIFIED);
  }

  /** 409 Conflict: {@code Operation cannot be fulfilled on pods "web": <detail>}. */
  public static ApiException conflict(ResourceType type, String name, String detail) {
    return failure(409, "Conflict",
        "Operation cannot be fulfilled on " + resource(type) + " " + quote(name) + ": " + detail, details(type, name));
  }

  /**
   * 422 Invalid: {@code Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: ...}; with
   * several causes the list reads {@code [a, b]}. Build the causes with {@link FieldErrors}.
   */
  public static ApiException invalid(ResourceType type, String name, List<StatusCause> causes) {
    List<StatusCause> list = causes == null ? List.of() : List.copyOf(causes);
    Set<String> described = new LinkedHashSet<>();
    for (StatusCause cause : list) {
      described.add(FieldErrors.describe(cause));
    }
    String kind = type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
    String message = kind + " " + quote(name) + " is invalid";
    if (described.size() == 1) {
      message += ": " + described.iterator().next();
    } else if (described.size() > 1) {
      message += ": [" + String.join(", ", described) + "]";
    }
    return failure(422, "Invalid", message,
        new StatusDetails(name, type.group(), type.kind(), null, list.isEmpty() ? null : list, null));
  }

  /** 410 Expired, e.g. for a watch from a compacted resourceVersion. */
  public static ApiException expired(String message) {
    return failure(410, "Expired", message, null);
  }

  /** 410 Expired: {@code too old resource version: 5 (120)}. */
  public static ApiException tooOldResourceVersion(long requested, long oldest) {
    return expired("too old resource version: " + requested + " (" + oldest + ")");
  }

  /** 413 RequestEntityTooLarge: {@code Request entity too large: limit is 3145728}. */
  public static ApiException requestTooLarge() {
    return requestTooLarge(DEFAULT_BODY_LIMIT);
  }

  public static ApiException requestTooLarge(long limit) {
    return failure(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit, null);
  }

  /** 429 TooManyRequests with details.retryAfterSeconds; {@link #toResponse} adds the Retry-After header. */
  public static ApiException tooManyRequests(int retryAfterSeconds) {
    return tooManyRequests("Too many requests, please try again later.", retryAfterSeconds);
  }

  public static ApiException tooManyRequests(String message, int retryAfterSeconds) {
    return failure(429, "TooManyRequests", message,
        new StatusDetails(null, null, null, null, null, retryAfterSeconds));
  }

  /** 405 MethodNotAllowed for a path that exists but not with this method. */
  public static ApiException methodNotAllowed() {
    return failure(405, "MethodNotAllowed", METHOD_NOT_ALLOWED, null);
  }

  /** 405 MethodNotAllowed: {@code deletecollection is not supported on resources of kind "namespaces"}. */
  public static ApiException methodNotAllowed(ResourceType type, String action) {
    return failure(405, "MethodNotAllowed",
        action + " is not supported on resources of kind " + quote(resource(type)),
        new StatusDetails(null, type.group(), type.plural(), null, null, null));
  }

  /** 415 UnsupportedMediaType for a body in JSON or YAML's stead. */
  public static ApiException unsupportedMediaType(String contentType) {
    return unsupportedMediaType(contentType, BODY_MEDIA_TYPES);
  }

  /**
   * 415 UnsupportedMediaType. The message is kube-apiserver's, preceded by the offending type when
   * known: {@code unsupported media type "text/csv": the body of the request was in an unknown format -
   * accepted media types include: application/json, application/yaml}.
   */
  public static ApiException unsupportedMediaType(String contentType, List<String> accepted) {
    String message = "the body of the request was in an unknown format - accepted media types include: "
        + String.join(", ", accepted);
    if (contentType != null && !contentType.isBlank()) {
      message = "unsupported media type " + quote(contentType) + ": " + message;
    }
    return failure(415, "UnsupportedMediaType", message, null);
  }

  /** 406 NotAcceptable: {@code only the following media types are accepted: application/json, application/yaml}. */
  public static ApiException notAcceptable() {
    return notAcceptable(BODY_MEDIA_TYPES);
  }

  public static ApiException notAcceptable(List<String> accepted) {
    return failure(406, "NotAcceptable",
        "only the following media types are accepted: " + String.join(", ", accepted), null);
  }

  /** 500 InternalError: {@code Internal error occurred: <message>}. Pass a short message, never a stack trace. */
  public static ApiException internal(String message) {
    return failure(500, "InternalError", "Internal error occurred: " + message,
        new StatusDetails(null, null, null, null, List.of(new StatusCause(null, message, null)), null));
  }

  /** 504 Timeout: {@code Timeout: request did not complete within requested timeout - context deadline exceeded}. */
  /**
   * 503 ServiceUnavailable for a write while the journal database cannot be reached; nothing was
   * stored, and the client should retry after {@code retryAfterSeconds}.
   */
  public static ApiException storeUnavailable(int retryAfterSeconds) {
    return failure(503, "ServiceUnavailable",
        "the store is unavailable: the journal database cannot be reached; the write was not stored, retry later",
        new StatusDetails(null, null, null, null, null, retryAfterSeconds));
  }

  /**
   * 504 Timeout for a write the store did not confirm in time: it may or may not have been stored
   * (read the object to find out). {@code unavailable}: the journal database went away meanwhile.
   */
  public static ApiException storeTimeout(boolean unavailable, int retryAfterSeconds) {
    return timeout((unavailable
        ? "the store became unavailable (the journal database cannot be reached) while the write was in flight"
        : "the store did not confirm the write in time")
        + "; it may or may not have been stored, read the object to find out", retryAfterSeconds);
  }

  public static ApiException timeout() {
    return timeout("request did not complete within requested timeout - context deadline exceeded", 0);
  }

  public static ApiException timeout(String message, int retryAfterSeconds) {
    return failure(504, "Timeout", "Timeout: " + message,
        retryAfterSeconds > 0 ? new StatusDetails(null, null, null, null, null, retryAfterSeconds) : null);
  }

  /**
   * An error with {@code code} and the reason kube-apiserver gives that code (NewGenericServerResponse),
   * for failures that come with no better description, e.g. a Pekko rejection.
   */
  public static ApiException generic(int code, String message) {
    return failure(code, reasonFor(code), message, null);
  }

  /** kube-apiserver's StatusReason for an HTTP code; "" (StatusReasonUnknown) for others. */
  public static String reasonFor(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 406 -> "NotAcceptable";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 413 -> "RequestEntityTooLarge";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalError";
      case 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> "";
    };
  }

  /** The response for {@code e}: its Status as JSON, with its code. */
  public static HttpResponse toResponse(ApiException e) {
    return toResponse(e.status());
  }

  /**
   * A {@code Status} as a response: JSON body ({@code application/json}), the Status' code as HTTP
   * status (500 if it has none), and a Retry-After header when details carry retryAfterSeconds.
   */
  public static HttpResponse toResponse(Status status) {
    int code = status.code() == null ? 500 : status.code();
    byte[] body;
    try {
      body = Json.mapper().writeValueAsBytes(status);
    } catch (JsonProcessingException e) {
      // Cannot happen for a Status; answer something well-formed anyway.
      body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"code\":" + code + "}")
          .getBytes(StandardCharsets.UTF_8);
    }
    List<HttpHeader> headers = new ArrayList<>();
    if (status.details() != null && status.details().retryAfterSeconds() != null
        && status.details().retryAfterSeconds() > 0) {
      headers.add(RetryAfter.create(Long.valueOf(status.details().retryAfterSeconds())));
    }
    return HttpResponse.create()
        .withStatus(StatusCodes.get(code))
        .withHeaders(headers)
        .withEntity(ContentTypes.APPLICATION_JSON, body);
  }

  private static ApiException failure(int code, String reason, String message, StatusDetails details) {
    return new ApiException(Status.failure(code, reason, message, details));
  }

  /** GroupResource.String(): {@code pods}, {@code deployments.apps}. */
  private static String resource(ResourceType type) {
    return type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
  }

  private static StatusDetails details(ResourceType type, String name) {
    return new StatusDetails(name, type.group(), type.plural(), null, null, null);
  }

  /** Go's %q for the names that occur here. */
  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : String.valueOf(s).toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
