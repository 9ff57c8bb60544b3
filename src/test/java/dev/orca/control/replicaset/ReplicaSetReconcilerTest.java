package dev.orca.control.replicaset;

import static dev.orca.control.Fixtures.T0;
import static dev.orca.control.Fixtures.pod;
import static dev.orca.control.Fixtures.ready;
import static dev.orca.control.Fixtures.replicaSet;
import static dev.orca.control.Fixtures.running;
import static dev.orca.control.Fixtures.withPhase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.control.Rfc3339;
import dev.orca.model.ContainerStatus;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.PodStatus;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplicaSetReconcilerTest {
  private static final Instant NOW = T0.plusSeconds(3600);

  private static Supplier<String> suffixes(String... values) {
    Iterator<String> it = List.of(values).iterator();
    return it::next;
  }

  private static Supplier<String> counter() {
    int[] n = {0};
    return () -> "p" + (++n[0]);
  }

  private static ReplicaSetPlan reconcile(ReplicaSet rs, List<Pod> pods) {
    return ReplicaSetReconciler.reconcile(rs, pods, Set.of(), Set.of(), NOW, counter());
  }

  @Test
  void createsTheMissingPodsFullyFormed() {
    ReplicaSet rs = replicaSet("web-abc", 3, 0);

    ReplicaSetPlan plan = ReplicaSetReconciler.reconcile(rs, List.of(), Set.of(), Set.of(), NOW,
        suffixes("x1", "x2", "x3"));

    assertEquals(List.of("web-abc-x1", "web-abc-x2", "web-abc-x3"),
        plan.create().stream().map(p -> p.metadata().name()).toList());
    assertTrue(plan.delete().isEmpty());
    Pod pod = plan.create().get(0);
    assertEquals("v1", pod.apiVersion());
    assertEquals("Pod", pod.kind());
    assertEquals("default", pod.metadata().namespace());
    assertEquals(Map.of("app", "web"), pod.metadata().labels());
    assertEquals(List.of(new OwnerReference("apps/v1", "ReplicaSet", "web-abc", "uid-web-abc", true, true)),
        pod.metadata().ownerReferences());
    assertEquals(rs.spec().template().spec(), pod.spec());
    assertEquals("Pending", pod.status().phase());
    assertEquals(new ReplicaSetStatus(0, 0, 0, 0, 1L, null), plan.status());
  }

  @Test
  void redrawsASuffixThatIsTaken() {
    ReplicaSet rs = replicaSet("web", 2, 0);
    List<Pod> pods = List.of(pod(rs, "web-a", T0));

    ReplicaSetPlan plan = ReplicaSetReconciler.reconcile(rs, pods, Set.of("web-b"), Set.of(), NOW,
        suffixes("a", "b", "c"));

    assertTrue(plan.create().isEmpty(), "one pod seen and one in flight make two");
    plan = ReplicaSetReconciler.reconcile(replicaSet("web", 3, 0), pods, Set.of("web-b"), Set.of(), NOW,
        suffixes("a", "b", "c"));
    assertEquals(List.of("web-c"), plan.create().stream().map(p -> p.metadata().name()).toList());
  }

  @Test
  void pendingCreatesAndDeletesAreNotRepeated() {
    ReplicaSet rs = replicaSet("web", 2, 0);
    List<Pod> pods = IntStream.range(0, 4).mapToObj(i -> ready(pod(rs, "web-" + i, T0.plusSeconds(i)), T0)).toList();

    ReplicaSetPlan first = reconcile(rs, pods);
    assertEquals(2, first.delete().size());

    ReplicaSetPlan again = ReplicaSetReconciler.reconcile(rs, pods, Set.of(), Set.copyOf(first.delete()), NOW, counter());
    assertTrue(again.delete().isEmpty(), "deletes in flight are not asked for twice");
    assertTrue(again.create().isEmpty());

    ReplicaSetPlan oneInFlight = ReplicaSetReconciler.reconcile(rs, pods, Set.of(), Set.of(first.delete().get(0)), NOW,
        counter());
    assertEquals(1, oneInFlight.delete().size());
    assertFalse(oneInFlight.delete().contains(first.delete().get(0)));
  }

  @Test
  void deletesUnscheduledThenNotReadyThenNewestFirst() {
    ReplicaSet rs = replicaSet("web", 1, 0);
    Pod oldReady = ready(pod(rs, "old-ready", T0), T0.plusSeconds(10));
    Pod newReady = ready(pod(rs, "new-ready", T0.plusSeconds(100)), T0.plusSeconds(110));
    Pod notReady = running(pod(rs, "not-ready", T0.plusSeconds(5)));
    Pod unscheduled = pod(rs, "unscheduled", T0.plusSeconds(1));
    Pod sameReadyNewer = ready(pod(rs, "same-ready-newer", T0.plusSeconds(50)), T0.plusSeconds(10));

    ReplicaSetPlan plan = reconcile(rs, List.of(oldReady, newReady, notReady, unscheduled, sameReadyNewer));

    assertEquals(List.of("unscheduled", "not-ready", "new-ready", "same-ready-newer"), plan.delete());
  }

  @Test
  void deletionOrderPrefersPendingAndRestartingPods() {
    ReplicaSet rs = replicaSet("web", 0, 0);
    Pod scheduledPending = withPhase(running(pod(rs, "scheduled-pending", T0)), "Pending");
    Pod unknown = withPhase(running(pod(rs, "unknown", T0)), "Unknown");
    Pod runningPod = running(pod(rs, "running", T0));
    Pod restarting = running(pod(rs, "restarting", T0.minusSeconds(100)));
    restarting = restarting.withStatus(new PodStatus("Running", restarting.status().conditions(), null, null, null,
        null, null, List.of(new ContainerStatus("web", null, null, false, 7, null, null, null, null))));

    List<Pod> sorted = new ArrayList<>(List.of(runningPod, unknown, restarting, scheduledPending));
    sorted.sort(PodDeletionOrder.INSTANCE);

    assertEquals(List.of("scheduled-pending", "unknown", "restarting", "running"),
        sorted.stream().map(p -> p.metadata().name()).toList());
  }

  @Test
  void terminalPodsAreReplacedAndCleanedUp() {
    ReplicaSet rs = replicaSet("web", 2, 0);
    Pod healthy = ready(pod(rs, "web-1", T0), T0);
    Pod failed = withPhase(ready(pod(rs, "web-2", T0), T0), "Failed");
    Pod succeeded = withPhase(pod(rs, "web-3", T0), "Succeeded");

    ReplicaSetPlan plan = reconcile(rs, List.of(healthy, failed, succeeded));

    assertEquals(1, plan.create().size());
    assertEquals(List.of("web-2", "web-3"), plan.delete());
    assertEquals(1, plan.status().replicas());
  }

  @Test
  void podsBeingDeletedDoNotCountAndAreReplaced() {
    ReplicaSet rs = replicaSet("web", 2, 0);
    Pod healthy = ready(pod(rs, "web-1", T0), T0);
    Pod leaving = ready(pod(rs, "web-2", T0), T0);
    leaving = leaving.withMetadata(leaving.metadata().withDeletionTimestamp(Rfc3339.format(NOW)));

    ReplicaSetPlan plan = reconcile(rs, List.of(healthy, leaving));

    assertEquals(1, plan.create().size());
    assertTrue(plan.delete().isEmpty());
    assertEquals(1, plan.status().replicas());
  }

  @Test
  void nothingIsCreatedOrDeletedWhileTheReplicaSetIsDeleted() {
    ReplicaSet rs = replicaSet("web", 3, 0);
    rs = rs.withMetadata(rs.metadata().withDeletionTimestamp(Rfc3339.format(NOW)));
    Pod failed = withPhase(pod(rs, "web-1", T0), "Failed");

    ReplicaSetPlan plan = reconcile(rs, List.of(failed));

    assertFalse(plan.hasActions());
  }

  @Test
  void oneSyncCreatesAtMostABurst() {
    ReplicaSetPlan plan = reconcile(replicaSet("web", 2000, 0), List.of());

    assertEquals(ReplicaSetReconciler.BURST_REPLICAS, plan.create().size());
    assertTrue(plan.wantsMore(), "1,500 more are missing");
  }

  @Test
  void oneSyncCreatesNoMoreThanTheCallerMaySend() {
    ReplicaSetPlan plan = ReplicaSetReconciler.reconcile(replicaSet("web", 2000, 0), List.of(), Set.of(), Set.of(), NOW,
        counter(), 7);
    assertEquals(7, plan.create().size());
    assertEquals(2000, plan.missing());
    assertTrue(plan.wantsMore());

    ReplicaSetPlan none = ReplicaSetReconciler.reconcile(replicaSet("web", 3, 0), List.of(), Set.of(), Set.of(), NOW,
        counter(), 0);
    assertTrue(none.create().isEmpty());
    assertTrue(none.wantsMore(), "nothing allowed, three missing: the caller must look again");
  }

  @Test
  void availabilityWaitsForMinReadySeconds() {
    ReplicaSet rs = replicaSet("web", 3, 10);
    Pod readyLongAgo = ready(pod(rs, "web-1", T0), NOW.minusSeconds(11));
    Pod readyJustNow = ready(pod(rs, "web-2", T0), NOW.minusSeconds(4));
    Pod notReady = running(pod(rs, "web-3", T0));

    ReplicaSetPlan plan = reconcile(rs, List.of(readyLongAgo, readyJustNow, notReady));

    assertEquals(new ReplicaSetStatus(3, 3, 2, 1, 1L, null), plan.status());
    assertEquals(Optional.of(Duration.ofSeconds(7)),
        ReplicaSetReconciler.recheckAfter(rs, List.of(readyLongAgo, readyJustNow, notReady), NOW));
    ReplicaSetStatus later = ReplicaSetReconciler.reconcile(rs, List.of(readyLongAgo, readyJustNow, notReady),
        Set.of(), Set.of(), NOW.plusSeconds(7), counter()).status();
    assertEquals(2, later.availableReplicas());
  }

  @Test
  void fullyLabeledCountsPodsCarryingEveryTemplateLabel() {
    ReplicaSet rs = replicaSet("web", 2, 0);
    Pod labeled = pod(rs, "web-1", T0);
    Pod relabeled = pod(rs, "web-2", T0);
    relabeled = relabeled.withMetadata(relabeled.metadata().withLabels(Map.of("app", "other")));

    assertEquals(1, reconcile(rs, List.of(labeled, relabeled)).status().fullyLabeledReplicas());
  }

  @Test
  void statusIsWrittenOnlyWhenItChanged() {
    ReplicaSet rs = replicaSet("web", 1, 0);
    List<Pod> pods = List.of(ready(pod(rs, "web-1", T0), T0));
    ReplicaSetPlan plan = reconcile(rs, pods);
    assertTrue(plan.statusChanged(null));
    assertFalse(plan.hasActions());

    ReplicaSetPlan again = reconcile(rs.withStatus(plan.status()), pods);
    assertFalse(again.statusChanged(plan.status()));
  }
}
