package dev.orca.node;

import dev.orca.CborSerializable;
import dev.orca.model.ContainerStatus;
import dev.orca.model.Pod;
import dev.orca.node.runtime.ContainerUsage;
import dev.orca.node.runtime.UsageSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The latest resource use a node agent measured, as kubelet's summary API gives it to
 * metrics-server: the node's, and each of its pods' per container. Never persisted; the API asks
 * the agents for it. {@code timestamp} is null before the first sample.
 *
 * @param windowMillis the time CPU use was averaged over
 */
public record NodeMetrics(String node, Instant timestamp, long windowMillis, long cpuNanoCores, long memoryBytes,
    List<PodUsage> pods) implements CborSerializable {

  /** What a simulated container "uses": 1 millicore and 4 MiB, so that {@code kubectl top} shows something stable. */
  public static final long SIMULATED_CPU_NANOCORES = 1_000_000;
  public static final long SIMULATED_MEMORY_BYTES = 4L * 1024 * 1024;

  /** One pod's containers' use. */
  public record PodUsage(String namespace, String name, List<ContainerMetrics> containers) {}

  public record ContainerMetrics(String name, long cpuNanoCores, long memoryBytes) {}

  static NodeMetrics none(String node) {
    return new NodeMetrics(node, null, 0, 0, 0, List.of());
  }

  /**
   * A measured sample, kept to the pods this agent runs ({@code pods}: "namespace/name"). The node's
   * use is the machine's when the runtime measured it, else the sum of its pods'.
   */
  static NodeMetrics measured(String node, UsageSample sample, Set<String> pods) {
    Map<String, List<ContainerMetrics>> byPod = new LinkedHashMap<>();
    for (ContainerUsage c : sample.containers()) {
      String key = c.namespace() + "/" + c.pod();
      if (pods.contains(key)) {
        byPod.computeIfAbsent(key, k -> new ArrayList<>())
            .add(new ContainerMetrics(c.container(), c.cpuNanoCores(), c.memoryBytes()));
      }
    }
    List<PodUsage> list = new ArrayList<>();
    byPod.forEach((key, containers) -> {
      int slash = key.indexOf('/');
      list.add(new PodUsage(key.substring(0, slash), key.substring(slash + 1), List.copyOf(containers)));
    });
    return of(node, sample.timestamp(), sample.window(), list, sample.node());
  }

  /** The fixed figures of simulated pods: each running container uses {@link #SIMULATED_CPU_NANOCORES} and memory. */
  static NodeMetrics simulated(String node, Instant at, Duration window, Collection<Pod> pods) {
    List<PodUsage> list = new ArrayList<>();
    for (Pod pod : pods) {
      List<ContainerMetrics> containers = new ArrayList<>();
      if (pod.status() != null && pod.status().containerStatuses() != null) {
        for (ContainerStatus s : pod.status().containerStatuses()) {
          if (s.state() != null && s.state().running() != null) {
            containers.add(new ContainerMetrics(s.name(), SIMULATED_CPU_NANOCORES, SIMULATED_MEMORY_BYTES));
          }
        }
      }
      if (!containers.isEmpty()) {
        list.add(new PodUsage(pod.metadata().namespace(), pod.metadata().name(), List.copyOf(containers)));
      }
    }
    return of(node, at, window, list, null);
  }

  private static NodeMetrics of(String node, Instant at, Duration window, List<PodUsage> pods,
      UsageSample.NodeUsage machine) {
    long cpu = 0;
    long memory = 0;
    if (machine != null) {
      cpu = machine.cpuNanoCores();
      memory = machine.memoryBytes();
    } else {
      for (PodUsage p : pods) {
        for (ContainerMetrics c : p.containers()) {
          cpu += c.cpuNanoCores();
          memory += c.memoryBytes();
        }
      }
    }
    return new NodeMetrics(node, at, window.toMillis(), cpu, memory, List.copyOf(pods));
  }
}
