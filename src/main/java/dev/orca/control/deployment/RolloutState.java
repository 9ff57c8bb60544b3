package dev.orca.control.deployment;

import dev.orca.model.Deployment;
import dev.orca.model.DeploymentCondition;
import dev.orca.model.DeploymentStatus;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The working copy of one Deployment sync: the ReplicaSets as this sync would leave them, which
 * one is new, the Deployment's conditions and annotations. The steps (strategies, progress,
 * cleanup) change it; at the end it is compared with what was observed to make the plan. The
 * observed objects are never modified, only replaced by copies.
 */
final class RolloutState {
  final Deployment deployment;
  final Instant now;
  /** The Deployment's conditions as this sync has updated them so far. */
  final List<DeploymentCondition> conditions;

  private final Map<String, ReplicaSet> observed = new LinkedHashMap<>();
  private final Map<String, ReplicaSet> current = new LinkedHashMap<>();
  private final Map<String, String> deploymentAnnotations = new LinkedHashMap<>();
  private final List<String> deletes = new ArrayList<>();
  private String newName;
  private Integer collisionCount;

  RolloutState(Deployment deployment, List<ReplicaSet> owned, Instant now) {
    this.deployment = deployment;
    this.now = now;
    DeploymentStatus status = deployment.status();
    this.conditions = status == null || status.conditions() == null
        ? new ArrayList<>()
        : new ArrayList<>(status.conditions());
    this.collisionCount = status == null ? null : status.collisionCount();
    owned.stream().sorted(ReplicaSets.BY_CREATION).forEach(rs -> {
      observed.put(ReplicaSets.name(rs), rs);
      current.put(ReplicaSets.name(rs), rs);
    });
  }

  /** The Deployment's status as it was before this sync. */
  DeploymentStatus previousStatus() {
    return deployment.status();
  }

  /** Every ReplicaSet, as it will be after this sync, oldest first. */
  List<ReplicaSet> all() {
    return new ArrayList<>(current.values());
  }

  /** The ReplicaSet running the Deployment's current template, if known. */
  Optional<ReplicaSet> newRS() {
    return newName == null ? Optional.empty() : Optional.of(current.get(newName));
  }

  /** Every other ReplicaSet, oldest first. */
  List<ReplicaSet> oldRSs() {
    return current.values().stream().filter(rs -> !ReplicaSets.name(rs).equals(newName)).toList();
  }

  ReplicaSet get(String name) {
    return current.get(name);
  }

  boolean exists(String name) {
    return current.containsKey(name);
  }

  /** Records {@code rs} (a copy of an observed one, or one to create) as the new ReplicaSet. */
  void putNew(ReplicaSet rs) {
    current.put(ReplicaSets.name(rs), rs);
    newName = ReplicaSets.name(rs);
  }

  /**
   * Scales the ReplicaSet when its size differs, stamping the Deployment's replicas and
   * replicas + maxSurge on it; returns whether its size changed.
   */
  boolean scaleIfChanged(String name, int replicas) {
    if (ReplicaSets.specReplicas(current.get(name)) == replicas) {
      return false;
    }
    return scale(name, replicas);
  }

  /**
   * Sets the ReplicaSet's size and stamps the Deployment's replicas on it, if either differs;
   * returns whether its size changed.
   */
  boolean scale(String name, int replicas) {
    ReplicaSet rs = current.get(name);
    boolean resized = ReplicaSets.specReplicas(rs) != replicas;
    ReplicaSet stamped = withReplicasAnnotations(rs);
    if (resized || stamped != rs) {
      ReplicaSetSpec spec = rs.spec();
      current.put(name, stamped.withSpec(
          new ReplicaSetSpec(replicas, spec.minReadySeconds(), spec.selector(), spec.template())));
    }
    return resized;
  }

  /** The ReplicaSet with the desired-/max-replicas annotations of this Deployment (itself when already so). */
  ReplicaSet withReplicasAnnotations(ReplicaSet rs) {
    String desired = Integer.toString(DeploymentSpecs.replicas(deployment));
    String max = Integer.toString(DeploymentSpecs.replicas(deployment) + DeploymentSpecs.maxSurge(deployment));
    Map<String, String> annotations = rs.metadata().annotationsOrEmpty();
    if (desired.equals(annotations.get(Revisions.DESIRED_REPLICAS)) && max.equals(annotations.get(Revisions.MAX_REPLICAS))) {
      return rs;
    }
    Map<String, String> updated = new LinkedHashMap<>(annotations);
    updated.put(Revisions.DESIRED_REPLICAS, desired);
    updated.put(Revisions.MAX_REPLICAS, max);
    return rs.withMetadata(rs.metadata().withAnnotations(updated));
  }

  /** Records that the Deployment's revision annotation should read {@code revision}. */
  void setDeploymentRevision(String revision) {
    if (revision == null) {
      return;
    }
    String present = deployment.metadata().annotationsOrEmpty().get(Revisions.REVISION);
    if (!revision.equals(present)) {
      deploymentAnnotations.put(Revisions.REVISION, revision);
    }
  }

  void delete(String name) {
    if (!deletes.contains(name)) {
      deletes.add(name);
    }
  }

  Integer collisionCount() {
    return collisionCount;
  }

  void setCollisionCount(Integer collisionCount) {
    this.collisionCount = collisionCount;
  }

  DeploymentPlan plan(DeploymentStatus status, Optional<Duration> recheckAfter) {
    Optional<ReplicaSet> create = newName != null && !observed.containsKey(newName)
        ? Optional.of(current.get(newName))
        : Optional.empty();
    List<ReplicaSet> update = observed.entrySet().stream()
        .filter(e -> !deletes.contains(e.getKey()))
        .filter(e -> !Objects.equals(e.getValue(), current.get(e.getKey())))
        .map(e -> current.get(e.getKey()))
        .toList();
    return new DeploymentPlan(create, update, deletes, deploymentAnnotations, status, recheckAfter);
  }
}
