package dev.orca.model;

import java.util.ArrayList;
import java.util.List;

/** Validation of where a pod may run: tolerations, node affinity, pod anti-affinity; and taint effects. */
final class SchedulingValidation {
  static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final List<String> TOLERATION_OPERATORS = List.of("Equal", "Exists");

  private SchedulingValidation() {}

  /** A taint's or toleration's effect. */
  static List<FieldError> taintEffect(String effect, String path) {
    return TAINT_EFFECTS.contains(effect) ? List.of() : List.of(FieldError.notSupported(path, effect, TAINT_EFFECTS));
  }

  static List<FieldError> tolerations(List<Toleration> tolerations, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (tolerations == null) {
      return errors;
    }
    for (int i = 0; i < tolerations.size(); i++) {
      Toleration t = tolerations.get(i);
      String at = path + "[" + i + "]";
      String key = t.key() == null ? "" : t.key();
      String operator = t.operator() == null ? "" : t.operator();
      String value = t.value() == null ? "" : t.value();
      String effect = t.effect() == null ? "" : t.effect();
      if (!key.isEmpty()) {
        errors.addAll(MetadataValidation.qualifiedName(key, at + ".key"));
      } else if (!operator.equals("Exists")) {
        errors.add(FieldError.invalid(at + ".operator", operator,
            "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
      }
      if (t.tolerationSeconds() != null && !effect.equals("NoExecute")) {
        errors.add(FieldError.invalid(at + ".effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
      }
      switch (operator) {
        case "Equal", "" -> {
          List<String> valueErrors = NameRules.labelValueErrors(value);
          if (!valueErrors.isEmpty()) {
            errors.add(FieldError.invalid(at + ".operator", value, String.join(";", valueErrors)));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            errors.add(FieldError.invalid(at + ".operator", value, "value must be empty when `operator` is 'Exists'"));
          }
        }
        default -> errors.add(FieldError.notSupported(at + ".operator", operator, TOLERATION_OPERATORS));
      }
      if (!effect.isEmpty()) {
        errors.addAll(taintEffect(effect, at + ".effect"));
      }
    }
    return errors;
  }

  static List<FieldError> nodeAffinity(NodeAffinity affinity, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (affinity == null || affinity.requiredDuringSchedulingIgnoredDuringExecution() == null) {
      return errors;
    }
    String selectorPath = path + ".requiredDuringSchedulingIgnoredDuringExecution";
    List<NodeSelectorTerm> terms = affinity.requiredDuringSchedulingIgnoredDuringExecution().nodeSelectorTerms();
    if (terms == null || terms.isEmpty()) {
      errors.add(FieldError.required(selectorPath + ".nodeSelectorTerms", "must have at least one node selector term"));
      return errors;
    }
    for (int i = 0; i < terms.size(); i++) {
      String at = selectorPath + ".nodeSelectorTerms[" + i + "]";
      List<NodeSelectorRequirement> expressions = terms.get(i).matchExpressions();
      for (int j = 0; expressions != null && j < expressions.size(); j++) {
        errors.addAll(nodeSelectorRequirement(expressions.get(j), at + ".matchExpressions[" + j + "]"));
      }
      List<NodeSelectorRequirement> fields = terms.get(i).matchFields();
      for (int j = 0; fields != null && j < fields.size(); j++) {
        errors.addAll(nodeFieldRequirement(fields.get(j), at + ".matchFields[" + j + "]"));
      }
    }
    return errors;
  }

  private static List<FieldError> nodeSelectorRequirement(NodeSelectorRequirement r, String path) {
    List<FieldError> errors = new ArrayList<>();
    int values = r.values() == null ? 0 : r.values().size();
    String operator = r.operator() == null ? "" : r.operator();
    switch (operator) {
      case "In", "NotIn" -> {
        if (values == 0) {
          errors.add(FieldError.required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (values > 0) {
          errors.add(FieldError.forbidden(path + ".values",
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
      }
      case "Gt", "Lt" -> {
        if (values != 1) {
          errors.add(FieldError.required(path + ".values",
              "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        }
      }
      default -> errors.add(FieldError.invalid(path + ".operator", operator, "not a valid selector operator"));
    }
    errors.addAll(MetadataValidation.qualifiedName(r.key() == null ? "" : r.key(), path + ".key"));
    return errors;
  }

  /** Node fields can only be matched by name, against exactly one value. */
  private static List<FieldError> nodeFieldRequirement(NodeSelectorRequirement r, String path) {
    List<FieldError> errors = new ArrayList<>();
    String operator = r.operator() == null ? "" : r.operator();
    if (operator.equals("In") || operator.equals("NotIn")) {
      if (r.values() == null || r.values().size() != 1) {
        errors.add(FieldError.required(path + ".values",
            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
      }
    } else {
      errors.add(FieldError.invalid(path + ".operator", operator, "not a valid selector operator"));
    }
    if (!"metadata.name".equals(r.key())) {
      errors.add(FieldError.notSupported(path + ".key", r.key(), List.of("metadata.name")));
    }
    return errors;
  }

  static List<FieldError> podAntiAffinity(PodAntiAffinity antiAffinity, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (antiAffinity == null || antiAffinity.requiredDuringSchedulingIgnoredDuringExecution() == null) {
      return errors;
    }
    List<PodAffinityTerm> terms = antiAffinity.requiredDuringSchedulingIgnoredDuringExecution();
    for (int i = 0; i < terms.size(); i++) {
      PodAffinityTerm term = terms.get(i);
      String at = path + ".requiredDuringSchedulingIgnoredDuringExecution[" + i + "]";
      errors.addAll(MetadataValidation.labelSelector(term.labelSelector(), at + ".labelSelector"));
      for (String namespace : term.namespaces() == null ? List.<String>of() : term.namespaces()) {
        NameRules.dns1123LabelErrors(namespace)
            .forEach(msg -> errors.add(FieldError.invalid(at + ".namespaces", namespace, msg)));
      }
      if (MetadataValidation.isEmpty(term.topologyKey())) {
        errors.add(FieldError.required(at + ".topologyKey", "can not be empty"));
      } else {
        errors.addAll(MetadataValidation.qualifiedName(term.topologyKey(), at + ".topologyKey"));
      }
    }
    return errors;
  }
}
