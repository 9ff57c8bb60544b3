package dev.orca.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.Container;
import dev.orca.model.ContainerStatus;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.PodCondition;
import dev.orca.model.PodSpec;
import dev.orca.model.PodStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodStatusBuilderTest {
  private static final String BACK_OFF = "back-off 10s restarting failed container=app pod=web_default(uid)";

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(10);
  private static final Instant T2 = T0.plusSeconds(20);
  private static final Instant T3 = T0.plusSeconds(30);

  private static Pod pod(String... containers) {
    List<Container> specs = Arrays.stream(containers)
        .map(name -> new Container(name, name + ":1", null, null, null, null, null, null, null, null, null, null))
        .toList();
    return new Pod(Pod.API_VERSION, Pod.KIND, ObjectMeta.named("default", "web"),
        new PodSpec(specs, "node-1", null, null, null, "Always", null, null, null), null);
  }

  private static PodStatus build(Pod pod, Map<String, ContainerStatus> containers, Instant now) {
    return PodStatusBuilder.build(pod, containers, "10.0.0.1", "10.1.0.5", T0, now);
  }

  private static ContainerStatus running(String name, Instant at) {
    return PodStatusBuilder.running(null, name, name + ":1", "id-" + name, at);
  }

  private static PodCondition condition(PodStatus status, String type) {
    return status.conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
  }

  // ---- phases -------------------------------------------------------------------------------

  @Test
  void pendingWhileNoContainerHasStarted() {
    PodStatus status = build(pod("app", "sidecar"), Map.of(), T1);
    assertEquals("Pending", status.phase());
    assertEquals(2, status.containerStatuses().size());
    ContainerStatus app = status.containerStatuses().get(0);
    assertEquals("app", app.name());
    assertEquals("ContainerCreating", app.state().waiting().reason());
    assertEquals(0, app.restartCount());
    assertEquals(false, app.ready());
    assertEquals("False", condition(status, "Ready").status());
    assertEquals("ContainersNotReady", condition(status, "Ready").reason());
    assertEquals("False", condition(status, "ContainersReady").status());
    assertEquals("True", condition(status, "PodScheduled").status());
    assertEquals("True", condition(status, "Initialized").status());
  }

  @Test
  void runningAndNotReadyWhileSomeContainersHaveNotStarted() {
    PodStatus status = build(pod("app", "sidecar"), Map.of("app", running("app", T1)), T1);
    assertEquals("Running", status.phase());
    assertEquals("False", condition(status, "Ready").status());
    assertEquals("ContainerCreating", status.containerStatuses().get(1).state().waiting().reason());
  }

  @Test
  void runningAndReadyWhenEveryContainerRuns() {
    PodStatus status = build(pod("app", "sidecar"),
        Map.of("app", running("app", T1), "sidecar", running("sidecar", T1)), T2);
    assertEquals("Running", status.phase());
    assertEquals("True", condition(status, "Ready").status());
    assertNull(condition(status, "Ready").reason());
    assertEquals("True", condition(status, "ContainersReady").status());
    assertEquals("10.0.0.1", status.hostIP());
    assertEquals("10.1.0.5", status.podIP());
    assertEquals(T0.toString(), status.startTime());

    ContainerStatus app = status.containerStatuses().get(0);
    assertEquals(T1.toString(), app.state().running().startedAt());
    assertEquals("id-app", app.containerID());
    assertEquals(true, app.ready());
    assertEquals(true, app.started());
  }

  @Test
  void succeededWhenEveryContainerExitedZero() {
    Map<String, ContainerStatus> containers = Map.of(
        "app", PodStatusBuilder.terminated(running("app", T1), "app", "app:1", 0, T2, null),
        "sidecar", PodStatusBuilder.terminated(running("sidecar", T1), "sidecar", "sidecar:1", 0, T2, null));
    PodStatus status = build(pod("app", "sidecar"), containers, T2);
    assertEquals("Succeeded", status.phase());
    assertEquals("False", condition(status, "Ready").status());

    ContainerStatus app = status.containerStatuses().get(0);
    assertEquals(0, app.state().terminated().exitCode());
    assertEquals("Completed", app.state().terminated().reason());
    assertEquals(T1.toString(), app.state().terminated().startedAt());
    assertEquals(T2.toString(), app.state().terminated().finishedAt());
    assertEquals(0, app.restartCount());
    assertEquals("id-app", app.containerID());
  }

  @Test
  void failedWhenEveryContainerExitedAndOneFailed() {
    Map<String, ContainerStatus> containers = Map.of(
        "app", PodStatusBuilder.terminated(running("app", T1), "app", "app:1", 1, T2, null),
        "sidecar", PodStatusBuilder.terminated(running("sidecar", T1), "sidecar", "sidecar:1", 0, T2, null));
    PodStatus status = build(pod("app", "sidecar"), containers, T2);
    assertEquals("Failed", status.phase());
    assertEquals("Error", status.containerStatuses().get(0).state().terminated().reason());
  }

  @Test
  void stillRunningWhileOneContainerHasExitedAndAnotherRuns() {
    Map<String, ContainerStatus> containers = Map.of(
        "app", PodStatusBuilder.terminated(running("app", T1), "app", "app:1", 1, T2, null),
        "sidecar", running("sidecar", T1));
    PodStatus status = build(pod("app", "sidecar"), containers, T2);
    assertEquals("Running", status.phase());
    assertEquals("False", condition(status, "Ready").status());
  }

  // ---- restarts -----------------------------------------------------------------------------

  @Test
  void aRestartCountsAndKeepsTheLastTermination() {
    ContainerStatus first = running("app", T1);
    assertEquals(0, first.restartCount());
    assertNull(first.lastState());

    ContainerStatus crashed = PodStatusBuilder.terminated(first, "app", "app:1", 137, T2, BACK_OFF);
    assertEquals(1, crashed.restartCount());
    assertEquals("CrashLoopBackOff", crashed.state().waiting().reason());
    assertNull(crashed.state().terminated());
    assertEquals(137, crashed.lastState().terminated().exitCode());
    assertEquals("Error", crashed.lastState().terminated().reason());
    assertEquals(T1.toString(), crashed.lastState().terminated().startedAt());
    assertEquals(T2.toString(), crashed.lastState().terminated().finishedAt());
    assertEquals(false, crashed.ready());
    assertEquals("id-app", crashed.containerID());

    PodStatus backingOff = build(pod("app"), Map.of("app", crashed), T2);
    assertEquals("Running", backingOff.phase(), "a container that will restart keeps the pod Running");
    assertEquals("False", condition(backingOff, "Ready").status());

    ContainerStatus restarted = PodStatusBuilder.running(crashed, "app", "app:1", "id-app-2", T3);
    assertEquals(1, restarted.restartCount());
    assertEquals(crashed.lastState(), restarted.lastState());
    assertEquals(T3.toString(), restarted.state().running().startedAt());
    assertEquals("id-app-2", restarted.containerID());
    assertEquals(true, restarted.ready());

    PodStatus again = build(pod("app"), Map.of("app", restarted), T3);
    assertEquals("Running", again.phase());
    assertEquals("True", condition(again, "Ready").status());
    assertEquals(1, again.containerStatuses().get(0).restartCount());
    assertEquals(137, again.containerStatuses().get(0).lastState().terminated().exitCode());
  }

  @Test
  void everyRestartCountsAndTheLastStateIsTheLatestTermination() {
    ContainerStatus status = running("app", T0);
    status = PodStatusBuilder.terminated(status, "app", "app:1", 1, T1, BACK_OFF);
    status = PodStatusBuilder.running(status, "app", "app:1", "id-2", T2);
    status = PodStatusBuilder.terminated(status, "app", "app:1", 2, T3, BACK_OFF);
    assertEquals(2, status.restartCount());
    assertEquals(2, status.lastState().terminated().exitCode());
    assertEquals(T2.toString(), status.lastState().terminated().startedAt());
    assertEquals("id-2", status.containerID());
  }

  @Test
  void aFinalTerminationAfterARestartKeepsTheCountAndTheEarlierLastState() {
    ContainerStatus status = running("app", T0);
    status = PodStatusBuilder.terminated(status, "app", "app:1", 1, T1, BACK_OFF);
    status = PodStatusBuilder.running(status, "app", "app:1", "id-2", T2);
    ContainerStatus done = PodStatusBuilder.terminated(status, "app", "app:1", 0, T3, null);
    assertEquals(1, done.restartCount());
    assertEquals(0, done.state().terminated().exitCode());
    assertEquals(T2.toString(), done.state().terminated().startedAt());
    assertEquals(1, done.lastState().terminated().exitCode());
    assertEquals("Succeeded", build(pod("app"), Map.of("app", done), T3).phase());
  }

  // ---- conditions ---------------------------------------------------------------------------

  @Test
  void unchangedConditionsKeepTheirTransitionTime() {
    Pod pod = pod("app");
    PodStatus starting = build(pod, Map.of(), T0);
    assertEquals(T0.toString(), condition(starting, "Ready").lastTransitionTime());

    // Ready turns True at T1; the conditions that stayed True keep T0
    PodStatus ready = build(pod.withStatus(starting), Map.of("app", running("app", T1)), T1);
    assertEquals("True", condition(ready, "Ready").status());
    assertEquals(T1.toString(), condition(ready, "Ready").lastTransitionTime());
    assertEquals(T1.toString(), condition(ready, "ContainersReady").lastTransitionTime());
    assertEquals(T0.toString(), condition(ready, "Initialized").lastTransitionTime());
    assertEquals(T0.toString(), condition(ready, "PodScheduled").lastTransitionTime());

    // nothing changes at T2: every time stays
    PodStatus still = build(pod.withStatus(ready), Map.of("app", running("app", T1)), T2);
    assertEquals(ready.conditions(), still.conditions());

    // the container crashes at T3: Ready turns False then, with its reason
    ContainerStatus crashed = PodStatusBuilder.terminated(running("app", T1), "app", "app:1", 1, T3, BACK_OFF);
    PodStatus notReady = build(pod.withStatus(still), Map.of("app", crashed), T3);
    PodCondition readyCondition = condition(notReady, "Ready");
    assertEquals("False", readyCondition.status());
    assertEquals("ContainersNotReady", readyCondition.reason());
    assertEquals(T3.toString(), readyCondition.lastTransitionTime());
    assertEquals(T0.toString(), condition(notReady, "Initialized").lastTransitionTime());
  }

  @Test
  void theConditionsAreTheFourAKubeletReports() {
    PodStatus status = build(pod("app"), new HashMap<>(), T0);
    List<String> types = status.conditions().stream().map(PodCondition::type).toList();
    assertEquals(List.of("Initialized", "Ready", "ContainersReady", "PodScheduled"), types);
    status.conditions().forEach(c -> assertNotNull(c.lastTransitionTime()));
    assertTrue(status.containerStatuses().stream().noneMatch(c -> Boolean.TRUE.equals(c.ready())));
  }

  @Test
  void aContainerKilledOverItsMemoryLimitEndsOomKilled() {
    ContainerStatus restarting = PodStatusBuilder.terminated(running("app", T1), "app", "app:1", 137,
        PodStatusBuilder.OOM_KILLED, T2, "back-off 10s restarting failed container=app");
    assertEquals("OOMKilled", restarting.lastState().terminated().reason());
    assertEquals(137, restarting.lastState().terminated().exitCode());
    assertEquals("CrashLoopBackOff", restarting.state().waiting().reason());

    ContainerStatus ended = PodStatusBuilder.terminated(running("app", T1), "app", "app:1", 137,
        PodStatusBuilder.OOM_KILLED, T2, null);
    assertEquals("OOMKilled", ended.state().terminated().reason());
    assertEquals("Error", PodStatusBuilder.terminated(running("app", T1), "app", "app:1", 137, null, T2, null)
        .state().terminated().reason());
  }
}
