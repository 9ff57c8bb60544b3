package dev.orca.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A value that is a count ({@code 1}) or a percentage ({@code "25%"}), as maxSurge and probe ports are. */
public record IntOrString(Integer intValue, String stringValue) {

  public static IntOrString of(int value) {
    return new IntOrString(value, null);
  }

  public static IntOrString of(String value) {
    return new IntOrString(null, value);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static IntOrString fromJson(Object value) {
    if (value instanceof Number n) {
      return of(n.intValue());
    }
    return of(String.valueOf(value));
  }

  @JsonValue
  public Object toJson() {
    return intValue != null ? intValue : stringValue;
  }

  public boolean isPercent() {
    return stringValue != null && stringValue.endsWith("%");
  }

  /**
   * The absolute value against {@code total}: a count as is, a percentage of total rounded up or
   * down as Kubernetes does (surge rounds up, unavailability rounds down).
   *
   * @throws IllegalArgumentException when the value is neither a count nor a percentage
   */
  public int scaledValue(int total, boolean roundUp) {
    if (intValue != null) {
      return intValue;
    }
    if (isPercent()) {
      int percent = Integer.parseInt(stringValue.substring(0, stringValue.length() - 1));
      double scaled = percent * (double) total / 100.0;
      return (int) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
    }
    return Integer.parseInt(stringValue);
  }

  @Override
  public String toString() {
    return String.valueOf(toJson());
  }
}
