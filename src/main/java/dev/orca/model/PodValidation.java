package dev.orca.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Validation of a pod spec, wherever it sits ({@code spec} of a Pod, {@code spec.template.spec} of
 * a ReplicaSet). Fields that {@link Defaults} fills may be absent; when present they must be valid.
 */
final class PodValidation {
  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");

  private PodValidation() {}

  static List<FieldError> podSpec(PodSpec spec, String path) {
    if (spec == null) {
      return List.of(FieldError.required(path, ""));
    }
    List<FieldError> errors = new ArrayList<>(ContainerValidation.containers(spec.containers(), path + ".containers"));
    String restartPolicy = spec.restartPolicy();
    if (!MetadataValidation.isEmpty(restartPolicy) && !RESTART_POLICIES.contains(restartPolicy)) {
      errors.add(FieldError.notSupported(path + ".restartPolicy", restartPolicy, RESTART_POLICIES));
    }
    if (spec.terminationGracePeriodSeconds() != null) {
      errors.addAll(MetadataValidation.nonNegative(spec.terminationGracePeriodSeconds(),
          path + ".terminationGracePeriodSeconds"));
    }
    errors.addAll(subdomain(spec.nodeName(), path + ".nodeName"));
    errors.addAll(subdomain(spec.schedulerName(), path + ".schedulerName"));
    if (!MetadataValidation.isEmpty(spec.hostname())) {
      for (String msg : NameRules.dns1123LabelErrors(spec.hostname())) {
        errors.add(FieldError.invalid(path + ".hostname", spec.hostname(), msg));
      }
    }
    errors.addAll(MetadataValidation.labels(spec.nodeSelector(), path + ".nodeSelector"));
    errors.addAll(SchedulingValidation.tolerations(spec.tolerations(), path + ".tolerations"));
    if (spec.affinity() != null) {
      errors.addAll(SchedulingValidation.nodeAffinity(spec.affinity().nodeAffinity(), path + ".affinity.nodeAffinity"));
      errors.addAll(SchedulingValidation.podAntiAffinity(spec.affinity().podAntiAffinity(), path + ".affinity.podAntiAffinity"));
    }
    return errors;
  }

  private static List<FieldError> subdomain(String value, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (!MetadataValidation.isEmpty(value)) {
      NameRules.dns1123SubdomainErrors(value).forEach(msg -> errors.add(FieldError.invalid(path, value, msg)));
    }
    return errors;
  }
}
