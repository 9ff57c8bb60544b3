package dev.orca.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orca.model.Json;
import dev.orca.model.StatusCause;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Causes of a 422 Invalid, worded as Kubernetes' field.Error: the cause's message is the error body
 * ({@code Invalid value: -1: must be greater than or equal to 0}), its field the path
 * ({@code spec.replicas}), its reason the error type ({@code FieldValueInvalid}).
 */
public final class FieldErrors {
  private FieldErrors() {}

  public static StatusCause invalid(String field, Object value, String detail) {
    return cause("FieldValueInvalid", field, "Invalid value: " + render(value), detail);
  }

  public static StatusCause required(String field, String detail) {
    return cause("FieldValueRequired", field, "Required value", detail);
  }

  public static StatusCause forbidden(String field, String detail) {
    return cause("FieldValueForbidden", field, "Forbidden", detail);
  }

  public static StatusCause duplicate(String field, Object value) {
    return cause("FieldValueDuplicate", field, "Duplicate value: " + render(value), null);
  }

  public static StatusCause notSupported(String field, Object value, List<String> supported) {
    String detail = supported == null || supported.isEmpty() ? null
        : "supported values: " + supported.stream().map(FieldErrors::render).collect(Collectors.joining(", "));
    return cause("FieldValueNotSupported", field, "Unsupported value: " + render(value), detail);
  }

  /** A field the server does not know, as strict field validation reports it. */
  public static StatusCause unknownField(String field) {
    return new StatusCause("FieldValueInvalid", "unknown field \"" + field + "\"", field);
  }

  /** {@code field: body}, or the body alone without a field: how the cause reads in the Status message. */
  static String describe(StatusCause cause) {
    String field = cause.field();
    return field == null || field.isEmpty() ? cause.message() : field + ": " + cause.message();
  }

  private static StatusCause cause(String reason, String field, String body, String detail) {
    return new StatusCause(reason, detail == null || detail.isEmpty() ? body : body + ": " + detail, field);
  }

  /** Go's %#v for the values that occur in objects: strings quoted, numbers and booleans bare. */
  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
