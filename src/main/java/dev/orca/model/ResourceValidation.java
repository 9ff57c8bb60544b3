package dev.orca.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Validation of resource quantities: a container's requests and limits, a node's capacity. */
final class ResourceValidation {
  private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
  private static final String QUANTITY_FORMAT_ERROR =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  private ResourceValidation() {}

  /**
   * A resource list of quantities: each name a qualified name, each quantity well-formed and not
   * negative, and {@code pods} a whole number.
   */
  static List<FieldError> resourceList(Map<String, String> resources, String path, boolean forContainer) {
    List<FieldError> errors = new ArrayList<>();
    if (resources == null) {
      return errors;
    }
    for (Map.Entry<String, String> e : new TreeMap<>(resources).entrySet()) {
      String name = e.getKey();
      String at = path + "[" + name + "]";
      errors.addAll(MetadataValidation.qualifiedName(name, at));
      if (forContainer && !name.contains("/") && !STANDARD_CONTAINER_RESOURCES.contains(name)
          && !name.startsWith("hugepages-")) {
        errors.add(FieldError.invalid(at, name, "must be a standard resource for containers"));
      }
      String quantity = e.getValue();
      if (!Quantity.isValid(quantity)) {
        errors.add(FieldError.invalid(at, quantity, QUANTITY_FORMAT_ERROR));
      } else if (Quantity.parse(quantity).signum() < 0) {
        errors.add(FieldError.invalid(at, quantity, "must be greater than or equal to 0"));
      } else if (name.equals("pods") && Quantity.parse(quantity).stripTrailingZeros().scale() > 0) {
        errors.add(FieldError.invalid(at, quantity, "must be an integer"));
      }
    }
    return errors;
  }

  /** Quantities valid, and each request at most its limit. */
  static List<FieldError> requirements(ResourceRequirements resources, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (resources == null) {
      return errors;
    }
    errors.addAll(resourceList(resources.limits(), path + ".limits", true));
    errors.addAll(resourceList(resources.requests(), path + ".requests", true));
    if (resources.requests() == null || resources.limits() == null) {
      return errors;
    }
    for (Map.Entry<String, String> e : new TreeMap<>(resources.requests()).entrySet()) {
      String limit = resources.limits().get(e.getKey());
      if (limit == null || !Quantity.isValid(limit) || !Quantity.isValid(e.getValue())) {
        continue;
      }
      int comparison = Quantity.parse(e.getValue()).compareTo(Quantity.parse(limit));
      String at = path + ".requests[" + e.getKey() + "]";
      if (comparison != 0 && !overcommitAllowed(e.getKey())) {
        errors.add(FieldError.invalid(at, e.getValue(), "must be equal to " + e.getKey() + " limit of " + limit));
      } else if (comparison > 0) {
        errors.add(FieldError.invalid(at, e.getValue(),
            "must be less than or equal to " + e.getKey() + " limit of " + limit));
      }
    }
    return errors;
  }

  /** Hugepages and extended resources (a domain other than kubernetes.io) cannot be overcommitted. */
  private static boolean overcommitAllowed(String resource) {
    boolean nativeResource = !resource.contains("/") || resource.contains("kubernetes.io/");
    return nativeResource && !resource.startsWith("hugepages-");
  }
}
