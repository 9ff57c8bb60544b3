package dev.orca.control;

import dev.orca.control.deployment.DeploymentPlan;
import dev.orca.control.deployment.DeploymentReconciler;
import dev.orca.control.replicaset.Pods;
import dev.orca.control.replicaset.ReplicaSetPlan;
import dev.orca.control.replicaset.ReplicaSetReconciler;
import dev.orca.model.Deployment;
import dev.orca.model.ObjectMeta;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.PodCondition;
import dev.orca.model.PodSpec;
import dev.orca.model.PodStatus;
import dev.orca.model.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A tiny in-memory cluster that runs both controllers' decisions one step at a time: each step
 * the clock moves one second, pods made in an earlier step start and turn ready, the Deployment
 * is reconciled and its plan applied, then every ReplicaSet is reconciled and its plan applied
 * (creates and deletes take effect at once, so there are never pending expectations).
 */
public final class ClusterSim {
  private Deployment deployment;
  private final Map<String, ReplicaSet> replicaSets = new TreeMap<>();
  private final Map<String, Pod> pods = new TreeMap<>();
  private final Map<String, Integer> podBornAt = new HashMap<>();
  private final List<DeploymentPlan> deploymentPlans = new ArrayList<>();
  private Instant now = Fixtures.T0;
  private int step;
  private int suffix;
  /** Whether new pods ever become ready (false simulates a crash-looping image). */
  private boolean podsBecomeReady = true;

  public ClusterSim(Deployment deployment) {
    this.deployment = deployment;
  }

  public void podsBecomeReady(boolean value) {
    podsBecomeReady = value;
  }

  /** Changes the Deployment's spec as a user would (the generation moves on). */
  public void edit(UnaryOperator<Deployment> change) {
    Deployment changed = change.apply(deployment);
    long generation = deployment.metadata().generation() == null ? 0 : deployment.metadata().generation();
    deployment = changed.withMetadata(changed.metadata().withGeneration(generation + 1));
  }

  public void advance(long seconds) {
    now = now.plusSeconds(seconds);
  }

  public void step() {
    step++;
    now = now.plusSeconds(1);
    if (podsBecomeReady) {
      pods.replaceAll((name, pod) -> podBornAt.get(name) < step && !Pods.isReady(pod) ? ready(pod) : pod);
    }

    DeploymentPlan plan = DeploymentReconciler.reconcile(deployment, ownedBy(deployment), now);
    deploymentPlans.add(plan);
    plan.create().ifPresent(rs -> replicaSets.put(rs.metadata().name(),
        rs.withMetadata(rs.metadata().withUid("uid-" + rs.metadata().name()).withGeneration(1L))));
    for (ReplicaSet updated : plan.update()) {
      ReplicaSet stored = replicaSets.get(updated.metadata().name());
      long generation = stored.metadata().generation()
          + (Objects.equals(stored.spec(), updated.spec()) ? 0 : 1);
      replicaSets.put(updated.metadata().name(), stored
          .withSpec(updated.spec())
          .withMetadata(stored.metadata().withAnnotations(updated.metadata().annotations()).withGeneration(generation)));
    }
    for (String name : plan.delete()) {
      ReplicaSet removed = replicaSets.remove(name);
      pods.values().removeIf(p -> isOwnedBy(p, removed.metadata().uid())); // garbage collection
    }
    deployment = plan.applyTo(deployment);

    for (ReplicaSet rs : List.copyOf(replicaSets.values())) {
      List<Pod> owned = pods.values().stream().filter(p -> isOwnedBy(p, rs.metadata().uid())).toList();
      ReplicaSetPlan rsPlan = ReplicaSetReconciler.reconcile(rs, owned, Set.of(), Set.of(), now,
          () -> Integer.toString(++suffix));
      for (Pod pod : rsPlan.create()) {
        pods.put(pod.metadata().name(), pod);
        podBornAt.put(pod.metadata().name(), step);
      }
      rsPlan.delete().forEach(pods::remove);
      if (rsPlan.statusChanged(rs.status())) {
        replicaSets.put(rs.metadata().name(), rs.withStatus(rsPlan.status()));
      }
    }
  }

  /** Steps until the Deployment reports every replica updated and available, at most maxSteps. */
  public int runUntilComplete(int maxSteps, Runnable afterEachStep) {
    for (int i = 0; i < maxSteps; i++) {
      step();
      afterEachStep.run();
      if (isComplete()) {
        return i + 1;
      }
    }
    throw new AssertionError("rollout did not complete in " + maxSteps + " steps: " + describe());
  }

  public boolean isComplete() {
    var s = deployment.status();
    int replicas = deployment.spec().replicas();
    return s != null && s.updatedReplicas() == replicas && s.replicas() == replicas && s.availableReplicas() == replicas
        && s.conditions().stream().anyMatch(c -> "Progressing".equals(c.type())
            && "NewReplicaSetAvailable".equals(c.reason()));
  }

  public Deployment deployment() {
    return deployment;
  }

  public Map<String, ReplicaSet> replicaSets() {
    return replicaSets;
  }

  public List<DeploymentPlan> deploymentPlans() {
    return deploymentPlans;
  }

  public Instant now() {
    return now;
  }

  /** Live pods (not terminal, not deleting). */
  public List<Pod> activePods() {
    return pods.values().stream().filter(Pods::isActive).toList();
  }

  public long availablePods() {
    return activePods().stream().filter(Pods::isReady).count();
  }

  /** Live pods running the given image. */
  public long podsWithImage(String image) {
    return activePods().stream().filter(p -> image.equals(p.spec().containers().get(0).image())).count();
  }

  public String describe() {
    StringBuilder out = new StringBuilder("step " + step + ":");
    replicaSets.values().forEach(rs -> out.append(' ').append(rs.metadata().name())
        .append(" spec=").append(rs.spec().replicas())
        .append(" status=").append(rs.status() == null ? "-" : rs.status().replicas() + "/" + rs.status().availableReplicas()));
    out.append(" pods=").append(activePods().size()).append(" available=").append(availablePods());
    return out.toString();
  }

  private List<ReplicaSet> ownedBy(Deployment d) {
    return replicaSets.values().stream()
        .filter(rs -> {
          OwnerReference ref = rs.metadata().controllerRef();
          return ref != null && d.metadata().uid().equals(ref.uid());
        })
        .toList();
  }

  private static boolean isOwnedBy(Pod pod, String uid) {
    OwnerReference ref = pod.metadata().controllerRef();
    return ref != null && uid.equals(ref.uid());
  }

  private Pod ready(Pod pod) {
    PodSpec s = pod.spec();
    ObjectMeta meta = pod.metadata();
    return new Pod(pod.apiVersion(), pod.kind(), meta,
        new PodSpec(s.containers(), "node-1", s.nodeSelector(), s.affinity(), s.tolerations(), s.restartPolicy(),
            s.terminationGracePeriodSeconds(), s.schedulerName(), s.hostname()),
        new PodStatus("Running", List.of(new PodCondition("Ready", "True", null, null, null, Rfc3339.format(now))),
            null, null, null, null, null, null));
  }
}
