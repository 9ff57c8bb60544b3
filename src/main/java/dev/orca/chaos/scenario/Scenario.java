package dev.orca.chaos.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A chaos scenario, as read from bench/scenarios/NAME.yaml: the cluster, the workload, the faults
 * (an explicit list, random ones drawn from the seed, or both), how long the fault phase lasts,
 * how long recovery may take after it, and the failure-settings profiles to run it under.
 */
public record Scenario(String name, String description, long seed, Duration duration, Duration recoveryTimeout,
    ClusterSpec cluster, WorkloadSpec workload, List<Profile> profiles, List<ScheduledFault> faults,
    Optional<RandomFaults> random, boolean allowMajorityLoss) {
  public Scenario {
    profiles = List.copyOf(profiles);
    faults = List.copyOf(faults);
  }
}
