package dev.orca.model;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One problem with one field of an object, as kube-apiserver reports it: the field path
 * ({@code spec.containers[0].image}), the cause type ({@code FieldValueRequired}), the offending
 * value and a detail. {@link #message()} renders it as kubectl shows it:
 * {@code spec.replicas: Invalid value: -1: must be greater than or equal to 0}.
 */
public record FieldError(String field, String type, Object value, String detail) {
  public static final String INVALID = "FieldValueInvalid";
  public static final String REQUIRED = "FieldValueRequired";
  public static final String NOT_SUPPORTED = "FieldValueNotSupported";
  public static final String FORBIDDEN = "FieldValueForbidden";
  public static final String DUPLICATE = "FieldValueDuplicate";
  public static final String TOO_LONG = "FieldValueTooLong";

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(field, INVALID, value, detail);
  }

  public static FieldError required(String field, String detail) {
    return new FieldError(field, REQUIRED, "", detail);
  }

  /** A value outside a fixed set; the detail lists the supported values. */
  public static FieldError notSupported(String field, Object value, List<String> supported) {
    String detail = supported.isEmpty() ? ""
        : "supported values: " + supported.stream().map(FieldError::quote).collect(Collectors.joining(", "));
    return new FieldError(field, NOT_SUPPORTED, value, detail);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(field, FORBIDDEN, "", detail);
  }

  public static FieldError duplicate(String field, Object value) {
    return new FieldError(field, DUPLICATE, value, "");
  }

  public static FieldError tooLong(String field, int maxBytes) {
    return new FieldError(field, TOO_LONG, "", "must have at most " + maxBytes + " bytes");
  }

  /** The whole message: {@code field: body}. */
  public String message() {
    return field + ": " + body();
  }

  /**
   * The message without the field, as a Status cause carries it: {@code Invalid value: -1: must
   * be greater than or equal to 0}. Required, Forbidden and TooLong leave the value out.
   */
  public String body() {
    String body = switch (type) {
      case REQUIRED, FORBIDDEN, TOO_LONG -> label();
      default -> label() + ": " + render(value);
    };
    return detail == null || detail.isEmpty() ? body : body + ": " + detail;
  }

  public StatusCause toStatusCause() {
    return new StatusCause(type, body(), field);
  }

  private String label() {
    return switch (type) {
      case INVALID -> "Invalid value";
      case REQUIRED -> "Required value";
      case NOT_SUPPORTED -> "Unsupported value";
      case FORBIDDEN -> "Forbidden";
      case DUPLICATE -> "Duplicate value";
      case TOO_LONG -> "Too long";
      default -> type;
    };
  }

  /** Values print as Go's fmt prints them: strings quoted, numbers bare, string maps as map literals. */
  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof IntOrString ios) {
      return ios.intValue() != null ? ios.intValue().toString() : quote(ios.stringValue());
    }
    if (value instanceof Map<?, ?> map && isStrings(map.keySet()) && isStrings(map.values())) {
      return new TreeMap<>(map).entrySet().stream()
          .map(e -> quote((String) e.getKey()) + ":" + quote((String) e.getValue()))
          .collect(Collectors.joining(", ", "map[string]string{", "}"));
    }
    if (value instanceof List<?> list && isStrings(list)) {
      return list.stream().map(v -> quote((String) v)).collect(Collectors.joining(", ", "[]string{", "}"));
    }
    try {
      return Json.mapper().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(value);
    } catch (Exception e) {
      return value.toString();
    }
  }

  private static boolean isStrings(Collection<?> values) {
    return values.stream().allMatch(v -> v instanceof String);
  }

  /** A double-quoted string with Go's escapes, as {@code %q} prints it. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
