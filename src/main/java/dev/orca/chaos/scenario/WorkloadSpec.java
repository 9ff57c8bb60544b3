package dev.orca.chaos.scenario;

import java.time.Duration;
import java.util.Map;

/**
 * What runs while faults happen: Deployments laid down first (each {@code replicas} pods, in
 * {@code namespace}), a writer that keeps changing things through the API at {@code writesPerSecond}
 * with the given mix of operations (create, scale, update, delete: relative weights), and a probe
 * of every Deployment every {@code probeInterval}.
 */
public record WorkloadSpec(String namespace, int deployments, int replicas, int maxSurge, double writesPerSecond,
    Map<String, Integer> mix, Duration probeInterval) {
  public static final java.util.List<String> OPERATIONS = java.util.List.of("create", "scale", "update", "delete");

  public WorkloadSpec {
    mix = Map.copyOf(mix);
  }
}
