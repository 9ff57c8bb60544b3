package dev.orca.api.table;

import dev.orca.model.Container;
import dev.orca.model.LabelSelector;
import dev.orca.model.LabelSelectorRequirement;
import dev.orca.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The wide cells workload printers share: a template's containers and images, and a selector as text. */
final class Templates {
  private Templates() {}

  /** The containers' names, comma-separated, as kube's {@code layoutContainerCells}. */
  static String containerNames(PodTemplateSpec template) {
    return containers(template).stream().map(c -> nonNull(c.name())).collect(Collectors.joining(","));
  }

  /** The containers' images, comma-separated. */
  static String images(PodTemplateSpec template) {
    return containers(template).stream().map(c -> nonNull(c.image())).collect(Collectors.joining(","));
  }

  private static List<Container> containers(PodTemplateSpec template) {
    if (template == null || template.spec() == null || template.spec().containers() == null) {
      return List.of();
    }
    return template.spec().containers();
  }

  /**
   * A structured selector in set syntax, as apimachinery's {@code LabelSelectorAsSelector(s).String()}:
   * requirements sorted by key, {@code k=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k},
   * {@code !k}. Empty for a missing or empty selector; null when an expression is not valid.
   */
  static String selector(LabelSelector selector) {
    if (selector == null) {
      return "";
    }
    List<String[]> requirements = new ArrayList<>();
    Map<String, String> matchLabels = selector.matchLabels() == null ? Map.of() : selector.matchLabels();
    matchLabels.forEach((key, value) -> requirements.add(new String[] {key, key + "=" + nonNull(value)}));
    if (selector.matchExpressions() != null) {
      for (LabelSelectorRequirement e : selector.matchExpressions()) {
        String text = requirement(e);
        if (text == null) {
          return null;
        }
        requirements.add(new String[] {nonNull(e.key()), text});
      }
    }
    requirements.sort(Comparator.comparing((String[] r) -> r[0]));
    return requirements.stream().map(r -> r[1]).collect(Collectors.joining(","));
  }

  /** kube's {@code FormatLabelSelector}: the selector, {@code <none>} when empty, {@code <error>} when invalid. */
  static String formatSelector(LabelSelector selector) {
    String text = selector(selector);
    if (text == null) {
      return "<error>";
    }
    return text.isEmpty() ? "<none>" : text;
  }

  private static String requirement(LabelSelectorRequirement e) {
    String key = nonNull(e.key());
    List<String> values = e.values() == null ? List.of() : e.values().stream().sorted().toList();
    String operator = e.operator() == null ? "" : e.operator();
    switch (operator) {
      case "In":
      case "NotIn":
        if (values.isEmpty()) {
          return null;
        }
        return key + (operator.equals("In") ? " in (" : " notin (") + String.join(",", values) + ")";
      case "Exists":
        return values.isEmpty() ? key : null;
      case "DoesNotExist":
        return values.isEmpty() ? "!" + key : null;
      default:
        return null;
    }
  }

  static String nonNull(String s) {
    return s == null ? "" : s;
  }

  static String orNone(String s) {
    return s == null || s.isEmpty() ? "<none>" : s;
  }

  static long count(Integer n) {
    return n == null ? 0 : n;
  }
}
