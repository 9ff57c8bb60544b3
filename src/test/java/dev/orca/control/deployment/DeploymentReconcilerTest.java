package dev.orca.control.deployment;

import static dev.orca.control.Fixtures.T0;
import static dev.orca.control.Fixtures.deployment;
import static dev.orca.control.Fixtures.recreate;
import static dev.orca.control.Fixtures.rolling;
import static dev.orca.control.Fixtures.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.control.ClusterSim;
import dev.orca.control.Rfc3339;
import dev.orca.model.Deployment;
import dev.orca.model.DeploymentCondition;
import dev.orca.model.DeploymentSpec;
import dev.orca.model.IntOrString;
import dev.orca.model.LabelSelector;
import dev.orca.model.OwnerReference;
import dev.orca.model.PodTemplateSpec;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetSpec;
import dev.orca.model.ReplicaSetStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentReconcilerTest {

  private static Deployment withTemplate(Deployment d, String image) {
    DeploymentSpec s = d.spec();
    return d.withSpec(new DeploymentSpec(s.replicas(), s.selector(), template(image), s.strategy(),
        s.minReadySeconds(), s.revisionHistoryLimit(), s.paused(), s.progressDeadlineSeconds()));
  }

  private static Deployment withReplicas(Deployment d, int replicas) {
    DeploymentSpec s = d.spec();
    return d.withSpec(new DeploymentSpec(replicas, s.selector(), s.template(), s.strategy(),
        s.minReadySeconds(), s.revisionHistoryLimit(), s.paused(), s.progressDeadlineSeconds()));
  }

  private static Deployment withPaused(Deployment d, boolean paused) {
    DeploymentSpec s = d.spec();
    return d.withSpec(new DeploymentSpec(s.replicas(), s.selector(), s.template(), s.strategy(),
        s.minReadySeconds(), s.revisionHistoryLimit(), paused, s.progressDeadlineSeconds()));
  }

  private static Deployment withHistoryLimit(Deployment d, int limit) {
    DeploymentSpec s = d.spec();
    return d.withSpec(new DeploymentSpec(s.replicas(), s.selector(), s.template(), s.strategy(),
        s.minReadySeconds(), limit, s.paused(), s.progressDeadlineSeconds()));
  }

  private static String rsName(String image) {
    return "web-" + PodTemplateHash.of(template(image), null);
  }

  private static DeploymentCondition condition(Deployment d, String type) {
    return d.status().conditions().stream().filter(c -> type.equals(c.type())).findFirst().orElseThrow();
  }

  private static String revision(ReplicaSet rs) {
    return rs.metadata().annotationsOrEmpty().get(Revisions.REVISION);
  }

  private static ReplicaSet owned(Deployment d, String image, int spec, int available, long revision) {
    String hash = PodTemplateHash.of(template(image), null);
    ReplicaSet rs = DeploymentReconciler.reconcile(withTemplate(d, image), List.of(), T0).create().orElseThrow();
    Map<String, String> annotations = Map.of(Revisions.REVISION, Long.toString(revision),
        Revisions.DESIRED_REPLICAS, d.spec().replicas().toString(),
        Revisions.MAX_REPLICAS, Integer.toString(d.spec().replicas() + 1));
    return rs
        .withMetadata(rs.metadata().withUid("uid-" + hash).withGeneration(2L).withAnnotations(annotations)
            .withCreationTimestamp(Rfc3339.format(T0.plusSeconds(revision))))
        .withSpec(new ReplicaSetSpec(spec, 0, rs.spec().selector(), rs.spec().template()))
        .withStatus(new ReplicaSetStatus(available, available, available, available, 1L, null));
  }

  private static ClusterSim runningSim(Deployment d) {
    ClusterSim sim = new ClusterSim(d);
    sim.runUntilComplete(50, () -> { });
    return sim;
  }

  @Test
  void firstSyncCreatesRevisionOneWithAllReplicas() {
    Deployment d = deployment("web", 3, null);

    DeploymentPlan plan = DeploymentReconciler.reconcile(d, List.of(), T0);

    ReplicaSet rs = plan.create().orElseThrow();
    String hash = PodTemplateHash.of(d.spec().template(), null);
    assertEquals("web-" + hash, rs.metadata().name());
    assertEquals("default", rs.metadata().namespace());
    assertEquals(Map.of("app", "web", "pod-template-hash", hash), rs.metadata().labels());
    assertEquals(new LabelSelector(Map.of("app", "web", "pod-template-hash", hash), null), rs.spec().selector());
    assertEquals(Map.of("app", "web", "pod-template-hash", hash), rs.spec().template().metadata().labels());
    assertEquals(d.spec().template().spec(), rs.spec().template().spec());
    assertEquals(3, rs.spec().replicas());
    assertEquals(Map.of(Revisions.REVISION, "1", Revisions.DESIRED_REPLICAS, "3", Revisions.MAX_REPLICAS, "4"),
        rs.metadata().annotations());
    assertEquals(List.of(new OwnerReference("apps/v1", "Deployment", "web", "uid-web", true, true)),
        rs.metadata().ownerReferences());
    assertTrue(plan.update().isEmpty());
    assertTrue(plan.delete().isEmpty());
    assertEquals(Map.of(Revisions.REVISION, "1"), plan.deploymentAnnotations());

    Deployment after = plan.applyTo(d);
    assertEquals("1", after.metadata().annotations().get(Revisions.REVISION));
    assertEquals(1L, after.status().observedGeneration());
    assertEquals(0, after.status().availableReplicas());
    assertEquals(3, after.status().unavailableReplicas());
    DeploymentCondition available = condition(after, "Available");
    assertEquals("False", available.status());
    assertEquals("MinimumReplicasUnavailable", available.reason());
    assertEquals("Deployment does not have minimum availability.", available.message());
    DeploymentCondition progressing = condition(after, "Progressing");
    assertEquals("True", progressing.status());
    assertEquals("NewReplicaSetCreated", progressing.reason());
    assertEquals("Created new replica set \"web-" + hash + "\"", progressing.message());
    assertEquals(Rfc3339.format(T0), progressing.lastUpdateTime());
  }

  @Test
  void completedRolloutReportsAvailabilityAndThenStaysQuiet() {
    ClusterSim sim = runningSim(deployment("web", 3, null));

    Deployment d = sim.deployment();
    assertEquals(3, d.status().availableReplicas());
    assertEquals(3, d.status().updatedReplicas());
    assertEquals(0, d.status().unavailableReplicas());
    DeploymentCondition available = condition(d, "Available");
    assertEquals("True", available.status());
    assertEquals("MinimumReplicasAvailable", available.reason());
    assertEquals("Deployment has minimum availability.", available.message());
    DeploymentCondition progressing = condition(d, "Progressing");
    assertEquals("NewReplicaSetAvailable", progressing.reason());
    assertEquals("ReplicaSet \"" + rsName("nginx:1") + "\" has successfully progressed.", progressing.message());

    sim.advance(3600);
    DeploymentPlan plan = DeploymentReconciler.reconcile(d, List.copyOf(sim.replicaSets().values()), sim.now());
    assertFalse(plan.changesReplicaSets());
    assertTrue(plan.deploymentAnnotations().isEmpty());
    assertFalse(plan.statusChanged(d.status()), "conditions keep their times while nothing changes");
    assertTrue(plan.recheckAfter().isEmpty());
  }

  @Test
  void templateChangeCreatesRevisionTwo() {
    ClusterSim sim = runningSim(deployment("web", 3, null));

    sim.edit(d -> withTemplate(d, "nginx:2"));
    sim.step();

    ReplicaSet created = sim.replicaSets().get(rsName("nginx:2"));
    assertEquals("2", revision(created));
    assertEquals(1, created.spec().replicas(), "25% surge of 3 rounds up to 1");
    assertEquals("1", revision(sim.replicaSets().get(rsName("nginx:1"))));
    assertEquals(3, sim.replicaSets().get(rsName("nginx:1")).spec().replicas(), "25% unavailable of 3 rounds down to 0");
    assertEquals("2", sim.deployment().metadata().annotations().get(Revisions.REVISION));
  }

  @Test
  void rollingUpdateNeverDropsBelowDesiredAvailabilityWithZeroUnavailable() {
    ClusterSim sim = runningSim(deployment("web", 3, rolling(IntOrString.of(0), IntOrString.of(1))));

    sim.edit(d -> withTemplate(d, "nginx:2"));
    int steps = sim.runUntilComplete(100, () -> {
      assertTrue(sim.availablePods() >= 3, () -> "available dropped below 3 at " + sim.describe());
      assertTrue(sim.activePods().size() <= 4, () -> "more than 4 pods at " + sim.describe());
      int planned = sim.replicaSets().values().stream().mapToInt(rs -> rs.spec().replicas()).sum();
      assertTrue(planned <= 4, () -> "planned more than 4 replicas at " + sim.describe());
    });

    assertTrue(steps > 3, "a rollout of 3 one at a time takes several steps");
    ReplicaSet old = sim.replicaSets().get(rsName("nginx:1"));
    assertEquals(0, old.spec().replicas());
    assertEquals(0, old.status().replicas());
    assertEquals(3, sim.podsWithImage("nginx:2"));
    assertEquals(0, sim.podsWithImage("nginx:1"));
  }

  @Test
  void rollingUpdateWithPercentagesStaysWithinSurgeAndUnavailability() {
    ClusterSim sim = runningSim(deployment("web", 10, rolling(IntOrString.of("25%"), IntOrString.of("25%"))));

    sim.edit(d -> withTemplate(d, "nginx:2"));
    sim.runUntilComplete(100, () -> {
      // maxUnavailable 25% of 10 rounds down to 2, maxSurge rounds up to 3
      assertTrue(sim.availablePods() >= 8, () -> "available dropped below 8 at " + sim.describe());
      assertTrue(sim.activePods().size() <= 13, () -> "more than 13 pods at " + sim.describe());
    });

    assertEquals(0, sim.replicaSets().get(rsName("nginx:1")).spec().replicas());
    assertEquals(10, sim.podsWithImage("nginx:2"));
    assertEquals(10, sim.activePods().size());
  }

  @Test
  void recreateStopsOldPodsBeforeStartingNewOnes() {
    ClusterSim sim = runningSim(deployment("web", 3, recreate()));

    sim.edit(d -> withTemplate(d, "nginx:2"));
    sim.step();
    assertEquals(0, sim.replicaSets().get(rsName("nginx:1")).spec().replicas());
    assertFalse(sim.replicaSets().containsKey(rsName("nginx:2")), "the new ReplicaSet waits for the old pods");

    sim.runUntilComplete(50, () -> assertFalse(sim.podsWithImage("nginx:1") > 0 && sim.podsWithImage("nginx:2") > 0,
        () -> "old and new pods together at " + sim.describe()));
    assertEquals(3, sim.podsWithImage("nginx:2"));
    assertEquals("2", revision(sim.replicaSets().get(rsName("nginx:2"))));
  }

  @Test
  void oldRevisionsBeyondTheHistoryLimitAreDeleted() {
    ClusterSim sim = runningSim(withHistoryLimit(deployment("web", 2, null), 2));

    for (int version = 2; version <= 5; version++) {
      String image = "nginx:" + version;
      sim.edit(d -> withTemplate(d, image));
      sim.runUntilComplete(50, () -> { });
    }
    for (int i = 0; i < 3; i++) {
      sim.step();
    }

    List<String> kept = sim.replicaSets().values().stream()
        .sorted(Comparator.comparingLong(Revisions::of))
        .map(rs -> rs.metadata().name())
        .toList();
    assertEquals(List.of(rsName("nginx:3"), rsName("nginx:4"), rsName("nginx:5")), kept);
    assertEquals(List.of("3", "4", "5"), sim.replicaSets().values().stream()
        .map(DeploymentReconcilerTest::revision).sorted().toList());
  }

  @Test
  void rollbackReusesTheOldReplicaSetAsTheNewestRevision() {
    ClusterSim sim = runningSim(deployment("web", 3, null));
    sim.edit(d -> withTemplate(d, "nginx:2"));
    sim.runUntilComplete(50, () -> { });

    sim.edit(d -> withTemplate(d, "nginx:1"));
    sim.step();

    DeploymentPlan plan = sim.deploymentPlans().get(sim.deploymentPlans().size() - 1);
    assertTrue(plan.create().isEmpty(), "no new ReplicaSet for a template that has one");
    ReplicaSet reused = sim.replicaSets().get(rsName("nginx:1"));
    assertEquals("3", revision(reused));
    assertEquals("1", reused.metadata().annotations().get(Revisions.REVISION_HISTORY));
    assertEquals("3", sim.deployment().metadata().annotations().get(Revisions.REVISION));

    sim.runUntilComplete(50, () -> { });
    assertEquals(2, sim.replicaSets().size());
    assertEquals(3, sim.podsWithImage("nginx:1"));
    assertEquals(0, sim.replicaSets().get(rsName("nginx:2")).spec().replicas());
  }

  @Test
  void pausedDeploymentDoesNotRollButStillScales() {
    ClusterSim sim = runningSim(deployment("web", 3, null));

    sim.edit(d -> withTemplate(withPaused(d, true), "nginx:2"));
    for (int i = 0; i < 5; i++) {
      sim.step();
    }
    assertEquals(1, sim.replicaSets().size());
    assertEquals(3, sim.podsWithImage("nginx:1"));
    DeploymentCondition progressing = condition(sim.deployment(), "Progressing");
    assertEquals("Unknown", progressing.status());
    assertEquals("DeploymentPaused", progressing.reason());
    assertEquals("Deployment is paused", progressing.message());

    sim.edit(d -> withReplicas(d, 5));
    for (int i = 0; i < 3; i++) {
      sim.step();
    }
    assertEquals(1, sim.replicaSets().size());
    assertEquals(5, sim.replicaSets().get(rsName("nginx:1")).spec().replicas());
    assertEquals(5, sim.podsWithImage("nginx:1"));

    sim.edit(d -> withPaused(d, false));
    sim.step();
    assertTrue(sim.replicaSets().containsKey(rsName("nginx:2")), "resuming starts the rollout");
    sim.runUntilComplete(100, () -> { });
    assertEquals(5, sim.podsWithImage("nginx:2"));
  }

  @Test
  void scalingDuringARolloutResizesEveryReplicaSetInProportion() {
    ClusterSim sim = runningSim(deployment("web", 10, rolling(IntOrString.of("25%"), IntOrString.of("25%"))));
    sim.podsBecomeReady(false);
    sim.edit(d -> withTemplate(d, "nginx:2"));
    sim.step(); // the new ReplicaSet surges to 3 and the old one gives up 2 of its 10 available
    sim.step(); // the new one grows to 5: 13 = 10 + 3 surge; no new pod is ready to go further
    ReplicaSet oldBefore = sim.replicaSets().get(rsName("nginx:1"));
    ReplicaSet newBefore = sim.replicaSets().get(rsName("nginx:2"));
    assertEquals(8, oldBefore.spec().replicas());
    assertEquals(5, newBefore.spec().replicas());

    sim.edit(d -> withReplicas(d, 20));
    sim.step();

    ReplicaSet oldAfter = sim.replicaSets().get(rsName("nginx:1"));
    ReplicaSet newAfter = sim.replicaSets().get(rsName("nginx:2"));
    assertEquals(25, oldAfter.spec().replicas() + newAfter.spec().replicas(), "20 replicas + 25% surge");
    assertEquals(15, oldAfter.spec().replicas());
    assertEquals(10, newAfter.spec().replicas());
    assertEquals("20", oldAfter.metadata().annotations().get(Revisions.DESIRED_REPLICAS));
    assertEquals("25", newAfter.metadata().annotations().get(Revisions.MAX_REPLICAS));
  }

  @Test
  void aRolloutWithoutProgressExceedsItsDeadline() {
    ClusterSim sim = runningSim(deployment("web", 3, null));
    sim.podsBecomeReady(false);
    sim.edit(d -> withTemplate(d, "nginx:2"));
    for (int i = 0; i < 4; i++) {
      sim.step(); // the new pod is made and reported, then nothing moves
    }
    DeploymentPlan waiting = sim.deploymentPlans().get(sim.deploymentPlans().size() - 1);
    assertTrue(waiting.recheckAfter().isPresent(), "a stuck rollout asks to be looked at again");

    sim.advance(601);
    sim.step();

    DeploymentCondition progressing = condition(sim.deployment(), "Progressing");
    assertEquals("False", progressing.status());
    assertEquals("ProgressDeadlineExceeded", progressing.reason());
    assertEquals("ReplicaSet \"" + rsName("nginx:2") + "\" has timed out progressing.", progressing.message());
    assertEquals(3, sim.podsWithImage("nginx:1"), "the old pods keep serving");
  }

  @Test
  void nothingIsCreatedOrScaledWhileTheDeploymentIsDeleted() {
    ClusterSim sim = runningSim(deployment("web", 3, null));
    Deployment d = withReplicas(withTemplate(sim.deployment(), "nginx:2"), 5);
    d = d.withMetadata(d.metadata().withDeletionTimestamp(Rfc3339.format(sim.now())));

    DeploymentPlan plan = DeploymentReconciler.reconcile(d, List.copyOf(sim.replicaSets().values()), sim.now());

    assertFalse(plan.changesReplicaSets());
    assertTrue(plan.deploymentAnnotations().isEmpty());
    assertEquals(3, plan.status().availableReplicas());
  }

  @Test
  void aHashCollisionWithAnotherTemplateBumpsTheCollisionCount() {
    Deployment d = deployment("web", 3, null);
    ReplicaSet squatter = DeploymentReconciler.reconcile(d, List.of(), T0).create().orElseThrow();
    PodTemplateSpec other = Templates.withHash(template("nginx:other"), PodTemplateHash.of(d.spec().template(), null));
    squatter = squatter.withSpec(new ReplicaSetSpec(0, 0, squatter.spec().selector(), other));

    DeploymentPlan plan = DeploymentReconciler.reconcile(d, List.of(squatter), T0);

    assertEquals(1, plan.status().collisionCount());
    assertEquals("web-" + PodTemplateHash.of(d.spec().template(), 1), plan.create().orElseThrow().metadata().name());
  }

  @Test
  void aStaleOldStatusCannotMakeTheRolloutOvershoot() {
    Deployment d = withTemplate(deployment("web", 3, rolling(IntOrString.of(0), IntOrString.of(1))), "nginx:2");
    // The old ReplicaSet was just scaled from 3 to 2 and has not reported since: its status
    // still says 3 available, of which it keeps 2.
    ReplicaSet old = owned(d, "nginx:1", 2, 3, 1);
    ReplicaSet current = owned(d, "nginx:2", 2, 2, 2);

    DeploymentPlan plan = DeploymentReconciler.reconcile(d, List.of(old, current), T0.plusSeconds(60));

    ReplicaSet scaled = plan.update().stream()
        .filter(rs -> rs.metadata().name().equals(old.metadata().name())).findFirst().orElseThrow();
    assertEquals(1, scaled.spec().replicas(), "2 kept + 2 new available leaves room for 1 less, not 2");
  }
}
