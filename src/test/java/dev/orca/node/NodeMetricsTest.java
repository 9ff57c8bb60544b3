package dev.orca.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orca.model.ContainerState;
import dev.orca.model.ContainerStateRunning;
import dev.orca.model.ContainerStateWaiting;
import dev.orca.model.ContainerStatus;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.PodSpec;
import dev.orca.model.PodStatus;
import dev.orca.node.runtime.ContainerUsage;
import dev.orca.node.runtime.UsageSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {
  private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void aMeasuredSampleKeepsThePodsOfThisNodeAndTheMachinesUse() {
    UsageSample sample = new UsageSample(AT, Duration.ofSeconds(5), List.of(
        new ContainerUsage("default", "web", "a", 10, 100),
        new ContainerUsage("default", "web", "b", 20, 200),
        new ContainerUsage("default", "elsewhere", "a", 30, 300)), new UsageSample.NodeUsage(1000, 5000));
    NodeMetrics m = NodeMetrics.measured("local", sample, Set.of("default/web"));
    assertEquals(1, m.pods().size());
    assertEquals(List.of("a", "b"), m.pods().get(0).containers().stream().map(NodeMetrics.ContainerMetrics::name).toList());
    assertEquals(1000, m.cpuNanoCores());
    assertEquals(5000, m.memoryBytes());
    assertEquals(5000, m.windowMillis());
  }

  @Test
  void simulatedPodsUseAFixedFigurePerRunningContainerAndTheNodeTheirSum() {
    Pod running = pod("a", new ContainerState(null, new ContainerStateRunning(AT.toString()), null));
    Pod waiting = pod("b", new ContainerState(new ContainerStateWaiting("ContainerCreating", null), null, null));
    NodeMetrics m = NodeMetrics.simulated("sim-node-1", AT, Duration.ofSeconds(5), List.of(running, waiting, running));
    assertEquals(2, m.pods().size());
    assertEquals(2 * NodeMetrics.SIMULATED_CPU_NANOCORES, m.cpuNanoCores());
    assertEquals(2 * NodeMetrics.SIMULATED_MEMORY_BYTES, m.memoryBytes());
  }

  private static Pod pod(String name, ContainerState state) {
    PodStatus status = new PodStatus("Running", null, null, null, null, null, null,
        List.of(new ContainerStatus("main", state, null, true, 0, "x", "x", "sim://1", true)));
    return new Pod(Pod.API_VERSION, Pod.KIND, ObjectMeta.named("default", name),
        new PodSpec(List.of(), "sim-node-1", null, null, null, "Always", null, null, null), status);
  }
}
