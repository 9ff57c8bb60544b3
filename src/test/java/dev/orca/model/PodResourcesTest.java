package dev.orca.model;

import static dev.orca.model.Fixtures.condition;
import static dev.orca.model.Fixtures.container;
import static dev.orca.model.Fixtures.podSpec;
import static dev.orca.model.Fixtures.podWithStatus;
import static dev.orca.model.Fixtures.resources;
import static dev.orca.model.Fixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodResourcesTest {
  @Test
  void sumsRequestsFallingBackToLimits() {
    PodSpec spec = podSpec(
        container("a", "x", resources(Map.of("cpu", "250m", "memory", "64Mi"), Map.of("cpu", "1", "memory", "1Gi"))),
        container("b", "x", resources(null, Map.of("cpu", "1.5", "memory", "128Mi"))),
        container("c", "x", resources(Map.of("cpu", "100m"), null)),
        container("d", "x"));
    assertEquals(250 + 1500 + 100, PodResources.requestedMilliCpu(spec));
    assertEquals((64L + 128L) * 1024 * 1024, PodResources.requestedMemory(spec));
  }

  @Test
  void nothingRequestedIsZero() {
    assertEquals(0, PodResources.requestedMilliCpu(podSpec(container("a", "x"))));
    assertEquals(0, PodResources.requestedMemory(null));
  }

  @Test
  void terminalPhases() {
    assertTrue(PodResources.isTerminal(podWithStatus(status("Succeeded"))));
    assertTrue(PodResources.isTerminal(podWithStatus(status("Failed"))));
    assertFalse(PodResources.isTerminal(podWithStatus(status("Running"))));
    assertFalse(PodResources.isTerminal(podWithStatus(null)));
  }

  @Test
  void readinessFollowsTheReadyCondition() {
    assertTrue(PodResources.isReady(podWithStatus(status("Running", condition("PodScheduled", "True"), condition("Ready", "True")))));
    assertFalse(PodResources.isReady(podWithStatus(status("Running", condition("Ready", "False")))));
    assertFalse(PodResources.isReady(podWithStatus(status("Pending"))));
    assertFalse(PodResources.isReady(podWithStatus(null)));
  }

  @Test
  void conditionByType() {
    Pod pod = podWithStatus(status("Running", condition("PodScheduled", "True"), condition("Ready", "False")));
    assertEquals(Optional.of(condition("Ready", "False")), PodResources.condition(pod, "Ready"));
    assertEquals(Optional.empty(), PodResources.condition(pod, "Initialized"));
  }
}
