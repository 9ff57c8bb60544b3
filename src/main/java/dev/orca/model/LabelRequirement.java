package dev.orca.model;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One term of a label selector: a key, an operator and the values it compares with. Built only
 * through {@link #of}, which checks the key, the values and their number against the operator.
 */
public record LabelRequirement(String key, Operator operator, List<String> values) {

  /** The operators of a label selector, with their spelling in the query syntax. */
  public enum Operator {
    EQUALS("="),
    DOUBLE_EQUALS("=="),
    NOT_EQUALS("!="),
    IN(" in "),
    NOT_IN(" notin "),
    EXISTS(""),
    DOES_NOT_EXIST(""),
    GREATER_THAN(">"),
    LESS_THAN("<");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }
  }

  public LabelRequirement {
    values = List.copyOf(values);
  }

  /**
   * A requirement with its values sorted and de-duplicated.
   *
   * @throws IllegalArgumentException naming the problem: an invalid key or value, or a number of
   *     values the operator does not take
   */
  public static LabelRequirement of(String key, Operator operator, List<String> values) {
    key = key == null ? "" : key;
    values = values.stream().map(v -> v == null ? "" : v).toList();
    List<String> keyErrors = NameRules.qualifiedNameErrors(key);
    if (!keyErrors.isEmpty()) {
      throw new IllegalArgumentException("invalid label key " + FieldError.quote(key) + ": " + String.join("; ", keyErrors));
    }
    switch (operator) {
      case IN, NOT_IN -> require(!values.isEmpty(), "for 'in', 'notin' operators, values set can't be empty");
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS ->
          require(values.size() == 1, "exact-match compatibility requires one single value");
      case EXISTS, DOES_NOT_EXIST -> require(values.isEmpty(), "values set must be empty for exists and does not exist");
      case GREATER_THAN, LESS_THAN -> {
        require(values.size() == 1, "for 'Gt', 'Lt' operators, exactly one value is required");
        require(parseLong(values.get(0)) != null, "for 'Gt', 'Lt' operators, the value must be an integer");
      }
    }
    for (String value : values) {
      List<String> valueErrors = NameRules.labelValueErrors(value);
      if (!valueErrors.isEmpty()) {
        throw new IllegalArgumentException("invalid label value: " + FieldError.quote(value) + ": at key: "
            + FieldError.quote(key) + ": " + String.join("; ", valueErrors));
      }
    }
    return new LabelRequirement(key, operator, List.copyOf(new TreeSet<>(values)));
  }

  public boolean matches(Map<String, String> labels) {
    boolean has = labels.containsKey(key);
    String value = labels.get(key);
    return switch (operator) {
      case EQUALS, DOUBLE_EQUALS, IN -> has && values.contains(value);
      case NOT_EQUALS, NOT_IN -> !has || !values.contains(value);
      case EXISTS -> has;
      case DOES_NOT_EXIST -> !has;
      case GREATER_THAN, LESS_THAN -> {
        Long actual = has ? parseLong(value) : null;
        if (actual == null) {
          yield false;
        }
        long bound = parseLong(values.get(0));
        yield operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
      }
    };
  }

  /** The query syntax: {@code app=web}, {@code tier in (api,web)}, {@code !canary}. */
  @Override
  public String toString() {
    return switch (operator) {
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
      case IN, NOT_IN -> key + operator.symbol + "(" + String.join(",", values) + ")";
      default -> key + operator.symbol + values.get(0);
    };
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private static Long parseLong(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
