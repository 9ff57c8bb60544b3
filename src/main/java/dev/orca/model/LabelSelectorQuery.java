package dev.orca.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A label selector as the {@code labelSelector} query parameter carries it, in both of its
 * syntaxes: equality ({@code tier=db}, {@code tier==db}, {@code tier!=db}) and set-based
 * ({@code app in (web,api)}, {@code app notin (x)}, {@code canary}, {@code !canary}), joined by
 * commas. All requirements must hold. Immutable.
 */
public final class LabelSelectorQuery {
  private static final LabelSelectorQuery EVERYTHING = new LabelSelectorQuery(List.of(), false);
  private static final LabelSelectorQuery NOTHING = new LabelSelectorQuery(List.of(), true);

  private final List<LabelRequirement> requirements;
  private final boolean nothing;

  private LabelSelectorQuery(List<LabelRequirement> requirements, boolean nothing) {
    List<LabelRequirement> sorted = new ArrayList<>(requirements);
    sorted.sort(Comparator.comparing(LabelRequirement::key));
    this.requirements = List.copyOf(sorted);
    this.nothing = nothing;
  }

  public static LabelSelectorQuery everything() {
    return EVERYTHING;
  }

  public static LabelSelectorQuery nothing() {
    return NOTHING;
  }

  /**
   * Parses a selector; null or blank selects everything.
   *
   * @throws IllegalArgumentException on bad syntax or an invalid key or value, with
   *     kube-apiserver's message, e.g. {@code unable to parse requirement: found 'x', expected: in,
   *     notin, =, ==, !=, gt, lt}
   */
  public static LabelSelectorQuery parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    return new LabelSelectorQuery(LabelSelectorParser.parse(selector), false);
  }

  /**
   * The query form of a structured selector, as Kubernetes converts it: a null selector selects
   * nothing, an empty one everything.
   *
   * @throws IllegalArgumentException on an unknown operator or an invalid key or value
   */
  public static LabelSelectorQuery of(LabelSelector selector) {
    if (selector == null) {
      return NOTHING;
    }
    List<LabelRequirement> requirements = new ArrayList<>();
    if (selector.matchLabels() != null) {
      selector.matchLabels().forEach((key, value) ->
          requirements.add(LabelRequirement.of(key, LabelRequirement.Operator.EQUALS, List.of(value == null ? "" : value))));
    }
    if (selector.matchExpressions() != null) {
      for (LabelSelectorRequirement expression : selector.matchExpressions()) {
        LabelRequirement.Operator operator = switch (String.valueOf(expression.operator())) {
          case "In" -> LabelRequirement.Operator.IN;
          case "NotIn" -> LabelRequirement.Operator.NOT_IN;
          case "Exists" -> LabelRequirement.Operator.EXISTS;
          case "DoesNotExist" -> LabelRequirement.Operator.DOES_NOT_EXIST;
          default -> throw new IllegalArgumentException(
              FieldError.quote(String.valueOf(expression.operator())) + " is not a valid label selector operator");
        };
        List<String> values = expression.values() == null ? List.of() : expression.values();
        requirements.add(LabelRequirement.of(expression.key(), operator, values));
      }
    }
    return requirements.isEmpty() ? EVERYTHING : new LabelSelectorQuery(requirements, false);
  }

  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    return requirements.stream().allMatch(r -> r.matches(actual));
  }

  public boolean isEverything() {
    return !nothing && requirements.isEmpty();
  }

  public boolean isNothing() {
    return nothing;
  }

  /** The requirements, sorted by key. */
  public List<LabelRequirement> requirements() {
    return requirements;
  }

  /** The canonical query syntax, requirements sorted by key; empty for everything and nothing. */
  @Override
  public String toString() {
    return requirements.stream().map(LabelRequirement::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelSelectorQuery q && q.nothing == nothing && q.requirements.equals(requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + Boolean.hashCode(nothing);
  }
}
