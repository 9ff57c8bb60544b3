package dev.orca.model;

import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/** What a pod asks of a node, and the state questions the controllers and the scheduler ask of it. */
public final class PodResources {
  private PodResources() {}

  /**
   * The CPU the pod's containers request, in millicores; a container without a request counts
   * its limit, one with neither counts nothing.
   *
   * @throws IllegalArgumentException on a malformed quantity (validation rejects those)
   */
  public static long requestedMilliCpu(PodSpec spec) {
    return requested(spec, "cpu", Quantity::milliValue);
  }

  /** The memory the pod's containers request, in bytes, counted as {@link #requestedMilliCpu} counts CPU. */
  public static long requestedMemory(PodSpec spec) {
    return requested(spec, "memory", Quantity::value);
  }

  /** Whether the pod has finished for good: phase Succeeded or Failed. */
  public static boolean isTerminal(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Whether the pod's Ready condition is True. */
  public static boolean isReady(Pod pod) {
    return condition(pod, "Ready").map(c -> "True".equals(c.status())).orElse(false);
  }

  public static Optional<PodCondition> condition(Pod pod, String type) {
    if (pod.status() == null || pod.status().conditions() == null) {
      return Optional.empty();
    }
    return pod.status().conditions().stream().filter(c -> type.equals(c.type())).findFirst();
  }

  private static long requested(PodSpec spec, String resource, ToLongFunction<String> unit) {
    if (spec == null || spec.containers() == null) {
      return 0;
    }
    long total = 0;
    for (Container container : spec.containers()) {
      String quantity = quantity(container.resources(), resource);
      if (quantity != null) {
        total += unit.applyAsLong(quantity);
      }
    }
    return total;
  }

  private static String quantity(ResourceRequirements resources, String resource) {
    if (resources == null) {
      return null;
    }
    String request = valueOf(resources.requests(), resource);
    return request != null ? request : valueOf(resources.limits(), resource);
  }

  private static String valueOf(Map<String, String> resources, String resource) {
    return resources == null ? null : resources.get(resource);
  }
}
