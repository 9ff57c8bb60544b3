package dev.orca.model;

import java.util.ArrayList;
import java.util.List;

/** Validation of the specs of ReplicaSets and Deployments: selector, template, replicas, strategy. */
final class WorkloadValidation {
  static final String SELECTOR_MISMATCH = "selector does not match template labels";
  private static final List<String> STRATEGY_TYPES = List.of("Recreate", "RollingUpdate");

  private WorkloadValidation() {}

  static List<FieldError> replicaSetSpec(ReplicaSetSpec spec, String path) {
    if (spec == null) {
      return List.of(FieldError.required(path, ""));
    }
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(nonNegative(spec.replicas(), path + ".replicas"));
    errors.addAll(nonNegative(spec.minReadySeconds(), path + ".minReadySeconds"));
    errors.addAll(selectorAndTemplate(spec.selector(), spec.template(), path));
    return errors;
  }

  static List<FieldError> deploymentSpec(DeploymentSpec spec, String path) {
    if (spec == null) {
      return List.of(FieldError.required(path, ""));
    }
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(nonNegative(spec.replicas(), path + ".replicas"));
    errors.addAll(selectorAndTemplate(spec.selector(), spec.template(), path));
    errors.addAll(strategy(spec.strategy(), path + ".strategy"));
    errors.addAll(nonNegative(spec.minReadySeconds(), path + ".minReadySeconds"));
    errors.addAll(nonNegative(spec.revisionHistoryLimit(), path + ".revisionHistoryLimit"));
    Integer deadline = spec.progressDeadlineSeconds();
    if (deadline != null) {
      errors.addAll(nonNegative(deadline, path + ".progressDeadlineSeconds"));
      int minReady = spec.minReadySeconds() == null ? 0 : spec.minReadySeconds();
      if (deadline <= minReady) {
        errors.add(FieldError.invalid(path + ".progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
      }
    }
    return errors;
  }

  /**
   * The selector must be given, valid and not empty; the template's labels must match it, and
   * the template's pods must restart Always, since the controller replaces pods that stop.
   */
  private static List<FieldError> selectorAndTemplate(LabelSelector selector, PodTemplateSpec template, String path) {
    List<FieldError> errors = new ArrayList<>();
    LabelSelectorQuery query = null;
    if (selector == null) {
      errors.add(FieldError.required(path + ".selector", ""));
    } else {
      List<FieldError> selectorErrors = MetadataValidation.labelSelector(selector, path + ".selector");
      errors.addAll(selectorErrors);
      boolean empty = (selector.matchLabels() == null || selector.matchLabels().isEmpty())
          && (selector.matchExpressions() == null || selector.matchExpressions().isEmpty());
      if (empty) {
        errors.add(FieldError.invalid(path + ".selector", selector, "empty selector is invalid for deployment"));
      } else if (selectorErrors.isEmpty()) {
        query = LabelSelectorQuery.of(selector);
      }
    }
    String templatePath = path + ".template";
    if (template == null) {
      errors.add(FieldError.required(templatePath, ""));
      return errors;
    }
    ObjectMeta meta = template.metadata();
    if (query != null && !query.matches(meta == null ? null : meta.labels())) {
      errors.add(FieldError.invalid(templatePath + ".metadata.labels", meta == null ? null : meta.labels(),
          SELECTOR_MISMATCH));
    }
    if (meta != null) {
      errors.addAll(MetadataValidation.labels(meta.labels(), templatePath + ".metadata.labels"));
      errors.addAll(MetadataValidation.annotations(meta.annotations(), templatePath + ".metadata.annotations"));
    }
    errors.addAll(PodValidation.podSpec(template.spec(), templatePath + ".spec"));
    String restartPolicy = template.spec() == null ? null : template.spec().restartPolicy();
    if (!MetadataValidation.isEmpty(restartPolicy) && !restartPolicy.equals("Always")) {
      errors.add(FieldError.notSupported(templatePath + ".spec.restartPolicy", restartPolicy, List.of("Always")));
    }
    return errors;
  }

  /** An absent type means RollingUpdate, as it defaults to. */
  private static List<FieldError> strategy(DeploymentStrategy strategy, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (strategy == null) {
      return errors;
    }
    String type = MetadataValidation.isEmpty(strategy.type()) ? "RollingUpdate" : strategy.type();
    switch (type) {
      case "Recreate" -> {
        if (strategy.rollingUpdate() != null) {
          errors.add(FieldError.forbidden(path + ".rollingUpdate",
              "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        if (strategy.rollingUpdate() != null) {
          errors.addAll(rollingUpdate(strategy.rollingUpdate(), path + ".rollingUpdate"));
        }
      }
      default -> errors.add(FieldError.notSupported(path + ".type", type, STRATEGY_TYPES));
    }
    return errors;
  }

  private static List<FieldError> rollingUpdate(RollingUpdateDeployment rollingUpdate, String path) {
    List<FieldError> errors = new ArrayList<>();
    IntOrString maxUnavailable = rollingUpdate.maxUnavailable();
    IntOrString maxSurge = rollingUpdate.maxSurge();
    List<FieldError> unavailableErrors = countOrPercent(maxUnavailable, path + ".maxUnavailable");
    List<FieldError> surgeErrors = countOrPercent(maxSurge, path + ".maxSurge");
    errors.addAll(unavailableErrors);
    errors.addAll(surgeErrors);
    if (maxUnavailable != null && maxSurge != null && unavailableErrors.isEmpty() && surgeErrors.isEmpty()
        && amount(maxUnavailable) == 0 && amount(maxSurge) == 0) {
      errors.add(FieldError.invalid(path + ".maxUnavailable", maxUnavailable, "may not be 0 when maxSurge is 0"));
    }
    if (maxUnavailable != null && maxUnavailable.isPercent() && unavailableErrors.isEmpty() && amount(maxUnavailable) > 100) {
      errors.add(FieldError.invalid(path + ".maxUnavailable", maxUnavailable, "must not be greater than 100%"));
    }
    return errors;
  }

  /** A count of at least 0 or a percentage such as {@code 25%}; absent is fine, it defaults to 25%. */
  private static List<FieldError> countOrPercent(IntOrString value, String path) {
    if (value == null) {
      return List.of();
    }
    if (value.intValue() != null) {
      return MetadataValidation.nonNegative(value.intValue(), path);
    }
    List<FieldError> errors = new ArrayList<>();
    String text = value.stringValue() == null ? "" : value.stringValue();
    NameRules.percentErrors(text).forEach(msg -> errors.add(FieldError.invalid(path, value, msg)));
    return errors;
  }

  /** The number in a valid count or percentage. */
  private static long amount(IntOrString value) {
    if (value.intValue() != null) {
      return value.intValue();
    }
    try {
      return Long.parseLong(value.stringValue().substring(0, value.stringValue().length() - 1));
    } catch (NumberFormatException tooLarge) {
      return Long.MAX_VALUE;
    }
  }

  private static List<FieldError> nonNegative(Integer value, String path) {
    return value == null ? List.of() : MetadataValidation.nonNegative(value, path);
  }
}
