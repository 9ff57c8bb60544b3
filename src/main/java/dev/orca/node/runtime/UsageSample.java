package dev.orca.node.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One sample of a runtime's resource use: each container it runs and, when the runtime measures
 * the machine it runs on, the machine ({@code node} null otherwise).
 *
 * @param timestamp when the sample was taken
 * @param window the time over which CPU use was averaged (since the previous sample)
 */
public record UsageSample(Instant timestamp, Duration window, List<ContainerUsage> containers, NodeUsage node) {

  /** The machine's use: CPU in nanocores, memory in bytes (total minus available). */
  public record NodeUsage(long cpuNanoCores, long memoryBytes) {}
}
