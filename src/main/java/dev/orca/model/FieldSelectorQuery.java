package dev.orca.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A field selector as the {@code fieldSelector} query parameter carries it:
 * {@code metadata.name=x,status.phase!=Running}, with {@code =}, {@code ==} and {@code !=}. All
 * terms must hold. Values escape {@code \}, {@code ,} and {@code =} with a backslash. Immutable.
 */
public final class FieldSelectorQuery {
  private static final FieldSelectorQuery EVERYTHING = new FieldSelectorQuery(List.of());
  private static final List<String> OPERATORS = List.of("!=", "==", "=");

  /** One term: the field, its operator ({@code =}, {@code ==} or {@code !=}) and the value. */
  public record Term(String field, String operator, String value) {
    public boolean matches(Function<String, String> fieldValue) {
      String actual = fieldValue.apply(field);
      boolean equal = value.equals(actual == null ? "" : actual);
      return operator.equals("!=") != equal;
    }

    @Override
    public String toString() {
      return field + operator + escape(value);
    }
  }

  private final List<Term> terms;

  private FieldSelectorQuery(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  public static FieldSelectorQuery everything() {
    return EVERYTHING;
  }

  /**
   * Parses a selector; null or empty selects everything.
   *
   * @throws IllegalArgumentException on a term without an operator, a bad escape, or a field not in
   *     {@code supportedFields} ({@code field label not supported: spec.foo})
   */
  public static FieldSelectorQuery parse(String selector, Set<String> supportedFields) {
    if (selector == null || selector.isEmpty()) {
      return EVERYTHING;
    }
    List<Term> terms = new ArrayList<>();
    for (String part : splitTerms(selector)) {
      if (part.isEmpty()) {
        continue;
      }
      Term term = splitTerm(part);
      if (term == null) {
        throw new IllegalArgumentException("invalid selector: '" + selector + "'; can't understand '" + part + "'");
      }
      if (!supportedFields.contains(term.field())) {
        throw new IllegalArgumentException("field label not supported: " + term.field());
      }
      terms.add(term);
    }
    terms.sort(Comparator.comparing(Term::toString));
    return new FieldSelectorQuery(terms);
  }

  /** Whether an object matches, given its value of each field; a missing field reads as "". */
  public boolean matches(Function<String, String> fieldValue) {
    return terms.stream().allMatch(t -> t.matches(fieldValue));
  }

  public boolean isEverything() {
    return terms.isEmpty();
  }

  public List<Term> terms() {
    return terms;
  }

  /** The value an {@code =} or {@code ==} term demands of the field, for an index lookup. */
  public Optional<String> requiredValue(String field) {
    return terms.stream()
        .filter(t -> t.field().equals(field) && !t.operator().equals("!="))
        .map(Term::value)
        .findFirst();
  }

  @Override
  public String toString() {
    return terms.stream().map(Term::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldSelectorQuery q && q.terms.equals(terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }

  /** Splits on commas that are not escaped. */
  private static List<String> splitTerms(String selector) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        parts.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(selector.substring(start));
    return parts;
  }

  /** The first operator from the left splits the term; null when there is none. */
  private static Term splitTerm(String part) {
    for (int i = 0; i < part.length(); i++) {
      for (String operator : OPERATORS) {
        if (part.startsWith(operator, i)) {
          return new Term(part.substring(0, i), operator, unescape(part.substring(i + operator.length())));
        }
      }
    }
    return null;
  }

  private static String unescape(String value) {
    StringBuilder out = new StringBuilder();
    boolean escaped = false;
    for (char c : value.toCharArray()) {
      if (escaped) {
        if (c != '\\' && c != ',' && c != '=') {
          throw new IllegalArgumentException("invalid field selector: invalid escape sequence: \\" + c);
        }
        out.append(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',' || c == '=') {
        throw new IllegalArgumentException("invalid field selector: unescaped character in value: " + c);
      } else {
        out.append(c);
      }
    }
    if (escaped) {
      throw new IllegalArgumentException("invalid field selector: invalid escape sequence: \\");
    }
    return out.toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }
}
