package dev.orca.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/** Validation of what every object shares: metadata, labels, annotations, label selectors. */
final class MetadataValidation {
  static final String IMMUTABLE = "field is immutable";
  private static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

  private MetadataValidation() {}

  /**
   * The metadata of a new object. A generateName may stand in for the name; a namespaced kind
   * needs a namespace (the API fills it from the path before validating), a cluster-scoped kind
   * may not have one.
   */
  static List<FieldError> objectMeta(ObjectMeta meta, boolean namespaced, Function<String, List<String>> nameRule) {
    if (meta == null) {
      return List.of(FieldError.required("metadata", ""));
    }
    List<FieldError> errors = new ArrayList<>();
    if (!isEmpty(meta.generateName())) {
      for (String msg : nameRule.apply(NameRules.maskTrailingDash(meta.generateName()))) {
        errors.add(FieldError.invalid("metadata.generateName", meta.generateName(), msg));
      }
    }
    if (isEmpty(meta.name())) {
      if (isEmpty(meta.generateName())) {
        errors.add(FieldError.required("metadata.name", "name or generateName is required"));
      }
    } else {
      for (String msg : nameRule.apply(meta.name())) {
        errors.add(FieldError.invalid("metadata.name", meta.name(), msg));
      }
    }
    if (namespaced) {
      if (isEmpty(meta.namespace())) {
        errors.add(FieldError.required("metadata.namespace", ""));
      } else {
        for (String msg : NameRules.dns1123LabelErrors(meta.namespace())) {
          errors.add(FieldError.invalid("metadata.namespace", meta.namespace(), msg));
        }
      }
    } else if (!isEmpty(meta.namespace())) {
      errors.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
    }
    if (meta.generation() != null) {
      errors.addAll(nonNegative(meta.generation(), "metadata.generation"));
    }
    errors.addAll(labels(meta.labels(), "metadata.labels"));
    errors.addAll(annotations(meta.annotations(), "metadata.annotations"));
    errors.addAll(ownerReferences(meta.ownerReferencesOrEmpty(), "metadata.ownerReferences"));
    List<String> finalizers = meta.finalizersOrEmpty();
    for (int i = 0; i < finalizers.size(); i++) {
      errors.addAll(qualifiedName(finalizers.get(i), "metadata.finalizers[" + i + "]"));
    }
    return errors;
  }

  /**
   * Name, namespace and uid may not change. An update without a uid keeps the stored one, as
   * kube-apiserver copies it over.
   */
  static List<FieldError> objectMetaUpdate(ObjectMeta newMeta, ObjectMeta oldMeta) {
    if (newMeta == null || oldMeta == null) {
      return List.of();
    }
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(immutable(emptyToNull(newMeta.name()), emptyToNull(oldMeta.name()), "metadata.name"));
    errors.addAll(immutable(emptyToNull(newMeta.namespace()), emptyToNull(oldMeta.namespace()), "metadata.namespace"));
    if (!isEmpty(newMeta.uid())) {
      errors.addAll(immutable(newMeta.uid(), emptyToNull(oldMeta.uid()), "metadata.uid"));
    }
    return errors;
  }

  /** Keys are qualified names, values valid label values; errors name the map, not the key. */
  static List<FieldError> labels(Map<String, String> labels, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (labels == null) {
      return errors;
    }
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      errors.addAll(qualifiedName(e.getKey(), path));
      String value = e.getValue() == null ? "" : e.getValue();
      for (String msg : NameRules.labelValueErrors(value)) {
        errors.add(FieldError.invalid(path, value, msg));
      }
    }
    return errors;
  }

  /** Keys are qualified names in any case; all of them together at most 256 KiB. */
  static List<FieldError> annotations(Map<String, String> annotations, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (annotations == null) {
      return errors;
    }
    long bytes = 0;
    for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
      for (String msg : NameRules.qualifiedNameErrors(e.getKey().toLowerCase(Locale.ROOT))) {
        errors.add(FieldError.invalid(path, e.getKey(), msg));
      }
      bytes += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length());
    }
    if (bytes > ANNOTATIONS_MAX_BYTES) {
      errors.add(FieldError.tooLong(path, ANNOTATIONS_MAX_BYTES));
    }
    return errors;
  }

  static List<FieldError> labelSelector(LabelSelector selector, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (selector == null) {
      return errors;
    }
    errors.addAll(labels(selector.matchLabels(), path + ".matchLabels"));
    List<LabelSelectorRequirement> expressions = selector.matchExpressions() == null ? List.of() : selector.matchExpressions();
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement r = expressions.get(i);
      String at = path + ".matchExpressions[" + i + "]";
      List<String> values = r.values() == null ? List.of() : r.values();
      String operator = r.operator() == null ? "" : r.operator();
      switch (operator) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            errors.add(FieldError.required(at + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            errors.add(FieldError.forbidden(at + ".values",
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
          }
        }
        default -> errors.add(FieldError.invalid(at + ".operator", operator, "not a valid selector operator"));
      }
      errors.addAll(qualifiedName(r.key() == null ? "" : r.key(), at + ".key"));
      for (int j = 0; j < values.size(); j++) {
        for (String msg : NameRules.labelValueErrors(values.get(j))) {
          errors.add(FieldError.invalid(at + ".values[" + j + "]", values.get(j), msg));
        }
      }
    }
    return errors;
  }

  /** Whether two selectors are the same, an absent list or map being the same as an empty one. */
  static boolean sameSelector(LabelSelector a, LabelSelector b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(orEmpty(a.matchLabels()), orEmpty(b.matchLabels()))
        && normalized(a.matchExpressions()).equals(normalized(b.matchExpressions()));
  }

  static List<FieldError> qualifiedName(String value, String path) {
    List<FieldError> errors = new ArrayList<>();
    for (String msg : NameRules.qualifiedNameErrors(value)) {
      errors.add(FieldError.invalid(path, value, msg));
    }
    return errors;
  }

  static List<FieldError> nonNegative(long value, String path) {
    return value < 0 ? List.of(FieldError.invalid(path, value, "must be greater than or equal to 0")) : List.of();
  }

  static List<FieldError> immutable(Object newValue, Object oldValue, String path) {
    return Objects.equals(newValue, oldValue) ? List.of() : List.of(FieldError.invalid(path, newValue, IMMUTABLE));
  }

  static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  private static List<FieldError> ownerReferences(List<OwnerReference> references, String path) {
    List<FieldError> errors = new ArrayList<>();
    String firstController = null;
    for (int i = 0; i < references.size(); i++) {
      OwnerReference ref = references.get(i);
      String at = path + "[" + i + "]";
      String apiVersion = ref.apiVersion() == null ? "" : ref.apiVersion();
      if (apiVersion.substring(apiVersion.indexOf('/') + 1).isEmpty()) {
        errors.add(FieldError.invalid(at + ".apiVersion", apiVersion, "version must not be empty"));
      }
      if (isEmpty(ref.kind())) {
        errors.add(FieldError.invalid(at + ".kind", "", "must not be empty"));
      }
      if (isEmpty(ref.name())) {
        errors.add(FieldError.invalid(at + ".name", "", "must not be empty"));
      }
      if (isEmpty(ref.uid())) {
        errors.add(FieldError.invalid(at + ".uid", "", "must not be empty"));
      }
      if (Boolean.TRUE.equals(ref.controller())) {
        String controller = ref.kind() + "/" + ref.name();
        if (firstController == null) {
          firstController = controller;
        } else {
          errors.add(FieldError.invalid(path, references, "Only one reference can have Controller set to true. "
              + "Found \"true\" in references for " + firstController + " and " + controller));
        }
      }
    }
    return errors;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static List<LabelSelectorRequirement> normalized(List<LabelSelectorRequirement> expressions) {
    return expressions == null ? List.of() : expressions.stream()
        .map(r -> new LabelSelectorRequirement(r.key(), r.operator(), r.values() == null ? List.of() : r.values()))
        .toList();
  }

  private static String emptyToNull(String value) {
    return isEmpty(value) ? null : value;
  }
}
