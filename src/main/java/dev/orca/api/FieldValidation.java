package dev.orca.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.ResourceType;
import dev.orca.model.Status;
import dev.orca.model.StatusCause;
import dev.orca.model.StatusDetails;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * The {@code fieldValidation} query parameter of a create, update or patch, and what it makes of
 * the fields a body has that the model does not ({@link UnknownFields}), as kube-apiserver:
 * <ul>
 *   <li>{@code Strict}: 400 BadRequest,
 *       {@code Deployment in version "v1" cannot be handled as a Deployment: strict decoding error:
 *       unknown field "spec.replicass", unknown field "spec.template.spec.containers[0].imagee"}
 *       (a patch: {@code strict decoding error: ...} alone);</li>
 *   <li>{@code Warn} (also when absent): the request goes on without those fields, and the response
 *       carries one {@code Warning: 299 - "unknown field \"spec.replicass\""} header per field;</li>
 *   <li>{@code Ignore}: the fields are dropped silently.</li>
 * </ul>
 */
public enum FieldValidation {
  STRICT("Strict"),
  WARN("Warn"),
  IGNORE("Ignore");

  /** The query parameter. */
  public static final String PARAMETER = "fieldValidation";
  /** The options kind an invalid value is reported against, per verb. */
  public static final String CREATE_OPTIONS = "CreateOptions";
  public static final String UPDATE_OPTIONS = "UpdateOptions";
  public static final String PATCH_OPTIONS = "PatchOptions";

  private static final List<String> SUPPORTED = List.of("", "Ignore", "Strict", "Warn");
  private static final String STRICT_DECODING_ERROR = "strict decoding error: ";

  private final String value;

  FieldValidation(String value) {
    this.value = value;
  }

  /** As written in the query: {@code Strict}, {@code Warn}, {@code Ignore}. */
  public String value() {
    return value;
  }

  /** {@link #parse(String, String)} for a create. */
  public static FieldValidation parse(String value) {
    return parse(value, CREATE_OPTIONS);
  }

  /**
   * The directive a query parameter value asks for: Warn when absent or empty, as kube-apiserver.
   * Values are case-sensitive.
   *
   * @param optionsKind {@link #CREATE_OPTIONS}, {@link #UPDATE_OPTIONS} or {@link #PATCH_OPTIONS}
   * @throws ApiException 422 Invalid for any other value, as kube-apiserver:
   *     {@code CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Loud":
   *     supported values: "", "Ignore", "Strict", "Warn"}
   */
  public static FieldValidation parse(String value, String optionsKind) {
    if (value == null || value.isEmpty()) {
      return WARN;
    }
    for (FieldValidation v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    StatusCause cause = FieldErrors.notSupported(PARAMETER, value, SUPPORTED);
    String message = optionsKind + ".meta.k8s.io \"\" is invalid: " + FieldErrors.describe(cause);
    throw new ApiException(Status.failure(422, "Invalid", message,
        new StatusDetails(null, "meta.k8s.io", optionsKind, null, List.of(cause), null)));
  }

  /**
   * Checks the body of a create or update (POST, PUT) of {@code type}: its unknown fields and, when
   * {@code raw} is JSON, its duplicate fields.
   *
   * @param raw the body as received
   * @param parsed the body parsed (JSON or YAML); its tree is walked when {@code raw} is not JSON
   * @return the warnings to send ({@link #warningHeaders}): none for Ignore or a clean body
   * @throws ApiException 400 BadRequest under Strict if there is any problem ({@link #strictError})
   */
  public List<String> check(ResourceType type, byte[] raw, JsonNode parsed) {
    if (this == IGNORE) {
      return List.of();
    }
    List<String> problems = problems(type, raw, parsed);
    if (this == STRICT && !problems.isEmpty()) {
      throw strictError(type, problems);
    }
    return problems;
  }

  /**
   * Checks the object a patch produced, before it is decoded; as {@link #check} but a Strict
   * failure reads {@code strict decoding error: ...} alone ({@link #strictPatchError}).
   */
  public List<String> checkPatched(ResourceType type, JsonNode patched) {
    if (this == IGNORE) {
      return List.of();
    }
    List<String> problems = unknown(type, patched);
    if (this == STRICT && !problems.isEmpty()) {
      throw strictPatchError(problems);
    }
    return problems;
  }

  /**
   * The problems of a body, worded as kube-apiserver ({@code unknown field "spec.replicass"},
   * {@code duplicate field "metadata.name"}), whatever the directive.
   */
  public static List<String> problems(ResourceType type, byte[] raw, JsonNode parsed) {
    return UnknownFields.problems(raw, type.type())
        .map(list -> list.stream().map(UnknownFields.Problem::message).toList())
        .orElseGet(() -> unknown(type, parsed));
  }

  /** {@code strict decoding error: unknown field "spec.a", duplicate field "spec.b"}. */
  public static String strictDecodingMessage(List<String> problems) {
    return STRICT_DECODING_ERROR + String.join(", ", problems);
  }

  /**
   * 400 BadRequest for a create or update under Strict:
   * {@code Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ...}.
   */
  public static ApiException strictError(ResourceType type, List<String> problems) {
    return ApiErrors.badRequest(type.kind() + " in version " + GoStrings.quote(type.version())
        + " cannot be handled as a " + type.kind() + ": " + strictDecodingMessage(problems));
  }

  /** 400 BadRequest for a patch under Strict: {@code strict decoding error: ...}. */
  public static ApiException strictPatchError(List<String> problems) {
    return ApiErrors.badRequest(strictDecodingMessage(problems));
  }

  /** The value of a Warning header, as kube-apiserver writes it: {@code 299 - "unknown field \"x\""}. */
  public static String warningHeaderValue(String warning) {
    return "299 - " + GoStrings.quote(warning);
  }

  /** One {@code Warning} header per warning, in order. */
  public static List<HttpHeader> warningHeaders(List<String> warnings) {
    return warnings.stream().<HttpHeader>map(w -> RawHeader.create("Warning", warningHeaderValue(w))).toList();
  }

  private static List<String> unknown(ResourceType type, JsonNode body) {
    return UnknownFields.find(body, type.type()).stream()
        .map(path -> new UnknownFields.Problem(UnknownFields.Kind.UNKNOWN, path).message())
        .toList();
  }
}
