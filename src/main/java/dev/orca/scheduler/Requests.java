package dev.orca.scheduler;

import dev.orca.model.Container;
import dev.orca.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * What a pod asks of a node: the sum over its containers of the cpu and memory requests, a
 * container without a request falling back to its limit (as the API server defaults it).
 */
public record Requests(long milliCpu, long memory) {
  /** Assumed per container without a cpu request when scoring, so empty pods still spread. */
  public static final long DEFAULT_MILLI_CPU = 100;
  /** Assumed per container without a memory request when scoring (200Mi). */
  public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

  public static final Requests NONE = new Requests(0, 0);

  /** The pod's requests, as the resource-fit filter and the node's accounting count them. */
  public static Requests of(Pod pod) {
    return sum(pod, false);
  }

  /**
   * The pod's requests with a floor per container that asks for nothing, as the scorers count
   * them (kube-scheduler's "non-zero" requests).
   */
  public static Requests nonZero(Pod pod) {
    return sum(pod, true);
  }

  public Requests plus(Requests other) {
    return new Requests(milliCpu + other.milliCpu, memory + other.memory);
  }

  private static Requests sum(Pod pod, boolean nonZero) {
    List<Container> containers = pod.spec() == null ? null : pod.spec().containers();
    if (containers == null) {
      return NONE;
    }
    long cpu = 0;
    long memory = 0;
    for (Container c : containers) {
      String cpuQuantity = quantity(c, "cpu");
      String memoryQuantity = quantity(c, "memory");
      cpu += cpuQuantity == null && nonZero ? DEFAULT_MILLI_CPU : Quantities.milli(cpuQuantity);
      memory += memoryQuantity == null && nonZero ? DEFAULT_MEMORY : Quantities.whole(memoryQuantity);
    }
    return new Requests(cpu, memory);
  }

  private static String quantity(Container c, String resource) {
    if (c.resources() == null) {
      return null;
    }
    String requested = get(c.resources().requests(), resource);
    return requested != null ? requested : get(c.resources().limits(), resource);
  }

  private static String get(Map<String, String> resources, String name) {
    return resources == null ? null : resources.get(name);
  }
}
