package dev.orca.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of a node's taints and of the resources it reports. */
final class NodeValidation {
  private NodeValidation() {}

  static List<FieldError> nodeSpec(NodeSpec spec, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null || spec.taints() == null) {
      return errors;
    }
    Set<String> seen = new HashSet<>();
    List<Taint> taints = spec.taints();
    for (int i = 0; i < taints.size(); i++) {
      Taint taint = taints.get(i);
      String at = path + ".taints[" + i + "]";
      String key = taint.key() == null ? "" : taint.key();
      String value = taint.value() == null ? "" : taint.value();
      errors.addAll(MetadataValidation.qualifiedName(key, at + ".key"));
      List<String> valueErrors = NameRules.labelValueErrors(value);
      if (!valueErrors.isEmpty()) {
        errors.add(FieldError.invalid(at + ".value", value, String.join(";", valueErrors)));
      }
      if (MetadataValidation.isEmpty(taint.effect())) {
        errors.add(FieldError.required(at + ".effect", ""));
      } else {
        errors.addAll(SchedulingValidation.taintEffect(taint.effect(), at + ".effect"));
      }
      if (!seen.add(key + "\u0000" + taint.effect())) {
        errors.add(new FieldError(at, FieldError.DUPLICATE, taint, "taints must be unique by key and effect pair"));
      }
    }
    return errors;
  }

  static List<FieldError> nodeStatus(NodeStatus status, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (status == null) {
      return errors;
    }
    errors.addAll(ResourceValidation.resourceList(status.capacity(), path + ".capacity", false));
    errors.addAll(ResourceValidation.resourceList(status.allocatable(), path + ".allocatable", false));
    return errors;
  }
}
