package dev.orca.api.table;

import static dev.orca.api.table.TableFixtures.NOW;
import static dev.orca.api.table.TableFixtures.ago;
import static dev.orca.api.table.TableFixtures.condition;
import static dev.orca.api.table.TableFixtures.conditions;
import static dev.orca.api.table.TableFixtures.container;
import static dev.orca.api.table.TableFixtures.meta;
import static dev.orca.api.table.TableFixtures.pod;
import static dev.orca.api.table.TableFixtures.podStatus;
import static dev.orca.api.table.TableFixtures.running;
import static dev.orca.api.table.TableFixtures.spec;
import static dev.orca.api.table.TableFixtures.status;
import static dev.orca.api.table.TableFixtures.terminated;
import static dev.orca.api.table.TableFixtures.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.PodStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodPrinterTest {
  private static final Duration S = Duration.ofSeconds(1);

  private static List<Object> cells(Pod pod) {
    return new PodPrinter().row(pod, NOW).cells();
  }

  private static Pod runningPod(ObjectMeta meta, int restarts, Duration lastRestartAgo) {
    return pod(meta, spec("node-1", container("nginx", "nginx:1.25")),
        podStatus("Running", conditions(true), null, "10.244.0.16",
            status("nginx", running(Duration.ofMinutes(4)),
                lastRestartAgo == null ? null : terminated(137, "Error", lastRestartAgo), true, restarts)));
  }

  @Test
  void aRunningReadyPodAsRecorded() {
    // get-deploy-pods-nocolformat.server.log, #93
    Pod pod = runningPod(meta("default", "web-9hggkk59kz-m2w6k", Duration.ofSeconds(14)), 0, null);
    assertEquals(List.of("web-9hggkk59kz-m2w6k", "1/1", "Running", "0", "14s", "10.244.0.16", "node-1", "<none>",
        "<none>"), cells(pod));
  }

  @Test
  void restartsCarryTheAgeOfTheLastRestart() {
    // kube counts minutes up to three hours: two hours old is 120m
    Pod pod = runningPod(meta("default", "web-1", Duration.ofHours(2)), 5, Duration.ofMinutes(5));
    assertEquals(List.of("web-1", "1/1", "Running", "5 (5m ago)", "120m", "10.244.0.16", "node-1", "<none>", "<none>"),
        cells(pod));
  }

  @Test
  void restartsAddUpOverContainersAndTheLatestRestartCounts() {
    Pod pod = pod(meta("default", "web-2", Duration.ofDays(3)),
        spec("node-2", container("app", "app:2"), container("sidecar", "envoy:1")),
        podStatus("Running", conditions(true), null, "10.244.1.7",
            status("app", running(Duration.ofMinutes(40)), terminated(1, "Error", Duration.ofMinutes(41)), true, 2),
            status("sidecar", running(Duration.ofSeconds(80)), terminated(1, "Error", Duration.ofSeconds(90)), true,
                1)));
    assertEquals(List.of("web-2", "2/2", "Running", "3 (90s ago)", "3d", "10.244.1.7", "node-2", "<none>", "<none>"),
        cells(pod));
  }

  @Test
  void restartsWithoutAFinishTimeHaveNoSuffix() {
    Pod pod = runningPod(meta("default", "web-3", Duration.ofMinutes(30)), 2, null);
    assertEquals("2", cells(pod).get(3));
  }

  @Test
  void aPendingPodNotYetScheduled() {
    Pod pod = pod(meta("default", "big-1", Duration.ofSeconds(5)), spec(null, container("big", "big:1")),
        new PodStatus("Pending", List.of(condition("PodScheduled", "False", "Unschedulable")), null, null, null, null,
            null, null));
    assertEquals(List.of("big-1", "0/1", "Pending", "0", "5s", "<none>", "<none>", "<none>", "<none>"), cells(pod));
  }

  @Test
  void aPodWithoutStatus() {
    Pod pod = pod(meta("default", "new-1", Duration.ZERO), spec(null, container("c", "busybox")), null);
    assertEquals(List.of("new-1", "0/1", "", "0", "0s", "<none>", "<none>", "<none>", "<none>"), cells(pod));
  }

  @Test
  void aScheduledPodWhoseContainersAreBeingCreated() {
    Pod pod = pod(meta("default", "web-4", Duration.ofSeconds(3)), spec("node-1", container("nginx", "nginx:1.25")),
        podStatus("Pending", conditions(false), null, null, status("nginx", waiting("ContainerCreating"), null, false, 0)));
    assertEquals(List.of("web-4", "0/1", "ContainerCreating", "0", "3s", "<none>", "node-1", "<none>", "<none>"),
        cells(pod));
  }

  @Test
  void aCrashLoopingPod() {
    Pod pod = pod(meta("default", "crash-1", Duration.ofMinutes(7)), spec("node-1", container("app", "app:bad")),
        podStatus("Running", conditions(false), null, "10.244.0.9",
            status("app", waiting("CrashLoopBackOff"), terminated(1, "Error", Duration.ofSeconds(20)), false, 4)));
    assertEquals(List.of("crash-1", "0/1", "CrashLoopBackOff", "4 (20s ago)", "7m", "10.244.0.9", "node-1", "<none>",
        "<none>"), cells(pod));
  }

  @Test
  void aCompletedPodIsMarkedCompletedSucceeded() {
    Pod pod = pod(meta("default", "job-1", Duration.ofMinutes(3)), spec("node-1", container("job", "busybox")),
        podStatus("Succeeded", conditions(false), null, "10.244.0.3",
            status("job", terminated(0, "Completed", Duration.ofMinutes(2)), null, false, 0)));
    Row row = new PodPrinter().row(pod, NOW);
    assertEquals(List.of("job-1", "0/1", "Completed", "0", "3m", "10.244.0.3", "node-1", "<none>", "<none>"),
        row.cells());
    assertEquals(List.of(new Row.Condition("Completed", "True", "Succeeded", "The pod has completed successfully.")),
        row.conditions());
  }

  @Test
  void aFailedPodShowsItsContainersReason() {
    Pod pod = pod(meta("default", "job-2", Duration.ofMinutes(3)), spec("node-1", container("job", "busybox")),
        podStatus("Failed", conditions(false), null, "10.244.0.4",
            status("job", terminated(2, "Error", Duration.ofMinutes(2)), null, false, 0)));
    Row row = new PodPrinter().row(pod, NOW);
    assertEquals("Error", row.cells().get(2));
    assertEquals(List.of(new Row.Condition("Completed", "True", "Failed", "The pod failed.")), row.conditions());
  }

  @Test
  void aTerminationWithoutReasonShowsTheExitCode() {
    Pod pod = pod(meta("default", "job-3", Duration.ofMinutes(3)), spec("node-1", container("job", "busybox")),
        podStatus("Failed", conditions(false), null, null,
            status("job", terminated(137, null, Duration.ofMinutes(1)), null, false, 0)));
    assertEquals("ExitCode:137", cells(pod).get(2));
  }

  @Test
  void aCompletedContainerBesideARunningOneIsRunning() {
    Pod ready = pod(meta("default", "mixed-1", Duration.ofMinutes(9)),
        spec("node-1", container("app", "app:1"), container("init-like", "busybox")),
        podStatus("Running", conditions(true), null, "10.244.0.5",
            status("app", running(Duration.ofMinutes(8)), null, true, 0),
            status("init-like", terminated(0, "Completed", Duration.ofMinutes(8)), null, false, 0)));
    assertEquals(List.of("1/2", "Running"), cells(ready).subList(1, 3));

    Pod notReady = pod(ready.metadata(), ready.spec(), new PodStatus("Running", conditions(false), null, null,
        "127.0.0.1", "10.244.0.5", null, ready.status().containerStatuses()));
    assertEquals("NotReady", cells(notReady).get(2));
  }

  @Test
  void aPodBeingDeletedIsTerminating() {
    Pod pod = runningPod(meta("default", "web-5", Duration.ofMinutes(12)).withDeletionTimestamp(ago(S)), 0, null);
    assertEquals(List.of("web-5", "1/1", "Terminating", "0", "12m", "10.244.0.16", "node-1", "<none>", "<none>"),
        cells(pod));
  }

  @Test
  void aFinishedPodBeingDeletedKeepsItsStatus() {
    Pod pod = pod(meta("default", "job-4", Duration.ofMinutes(3)).withDeletionTimestamp(ago(S)),
        spec("node-1", container("job", "busybox")),
        podStatus("Succeeded", conditions(false), null, null,
            status("job", terminated(0, "Completed", Duration.ofMinutes(2)), null, false, 0)));
    assertEquals("Completed", cells(pod).get(2));
  }

  @Test
  void aPodOfALostNodeShowsNodeLostAndUnknownOnceDeleted() {
    // as PodEntity.onMarkLost leaves it: phase Failed, reason NodeLost, container statuses as last reported
    ObjectMeta meta = meta("default", "web-6", Duration.ofMinutes(20));
    PodStatus lost = podStatus("Failed", List.of(condition("Ready", "False", "NodeLost")), "NodeLost", "10.244.0.16",
        status("nginx", running(Duration.ofMinutes(19)), null, true, 0));
    Pod pod = pod(meta, spec("node-1", container("nginx", "nginx:1.25")), lost);
    Row row = new PodPrinter().row(pod, NOW);
    assertEquals(List.of("web-6", "1/1", "NodeLost", "0", "20m", "10.244.0.16", "node-1", "<none>", "<none>"),
        row.cells());
    assertEquals("Failed", row.conditions().get(0).reason());

    Pod deleting = pod.withMetadata(meta.withDeletionTimestamp(ago(S)));
    assertEquals("Unknown", cells(deleting).get(2));
  }

  @Test
  void aSchedulingGatedPod() {
    Pod pod = pod(meta("default", "gated", Duration.ofSeconds(30)), spec(null, container("c", "busybox")),
        new PodStatus("Pending", List.of(condition("PodScheduled", "False", "SchedulingGated")), null, null, null,
            null, null, null));
    assertEquals("SchedulingGated", cells(pod).get(2));
  }

  @Test
  void aPodPrinterRejectsOtherKinds() {
    assertThrows(IllegalArgumentException.class, () -> new PodPrinter().row(
        new dev.orca.model.Namespace("v1", "Namespace", ObjectMeta.named(null, "x"), null, null), NOW));
  }
}
