package dev.orca.model;

import java.util.List;
import java.util.Map;

/** Matching of structured label selectors (matchLabels + matchExpressions) against labels. */
public final class LabelSelectors {
  private LabelSelectors() {}

  /**
   * Whether the labels satisfy the selector. A null selector matches nothing, an empty one
   * matches everything, as in Kubernetes.
   */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.matchLabels() != null) {
      for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
        if (!e.getValue().equals(actual.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.matchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.matchExpressions()) {
        if (!matches(r.key(), r.operator(), r.values(), actual)) {
          return false;
        }
      }
    }
    return true;
  }

  /** One expression: In, NotIn, Exists, DoesNotExist (and Gt, Lt for node selectors). */
  public static boolean matches(String key, String operator, List<String> values, Map<String, String> labels) {
    String value = labels.get(key);
    List<String> vs = values == null ? List.of() : values;
    return switch (operator) {
      case "In" -> value != null && vs.contains(value);
      case "NotIn" -> value == null || !vs.contains(value);
      case "Exists" -> labels.containsKey(key);
      case "DoesNotExist" -> !labels.containsKey(key);
      case "Gt" -> value != null && !vs.isEmpty() && compareInts(value, vs.get(0)) > 0;
      case "Lt" -> value != null && !vs.isEmpty() && compareInts(value, vs.get(0)) < 0;
      default -> false;
    };
  }

  private static int compareInts(String a, String b) {
    try {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
