package dev.orca.control.deployment;

import dev.orca.control.Rfc3339;
import dev.orca.model.Deployment;
import dev.orca.model.DeploymentCondition;
import dev.orca.model.DeploymentStatus;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's status: counts summed from its ReplicaSets' reported statuses, the Available
 * condition, and during a rollout the Progressing condition (progress made, complete, or no
 * progress within progressDeadlineSeconds).
 */
final class Progress {
  private Progress() {}

  /** The status without judging rollout progress (while paused, scaling or being deleted). */
  static DeploymentStatus observe(RolloutState s) {
    return observe(s, new ArrayList<>(s.conditions));
  }

  /** The status with the Progressing condition brought up to date for a rollout step. */
  static DeploymentStatus rollout(RolloutState s) {
    List<DeploymentCondition> conditions = new ArrayList<>(s.conditions);
    DeploymentStatus status = observe(s, conditions);
    Deployment d = s.deployment;
    Optional<Integer> deadline = DeploymentSpecs.progressDeadlineSeconds(d);
    if (deadline.isEmpty()) {
      Conditions.remove(conditions, Conditions.PROGRESSING);
    }
    Optional<DeploymentCondition> current = Conditions.get(s.conditions, Conditions.PROGRESSING);
    boolean alreadyComplete = count(status.replicas()) == count(status.updatedReplicas())
        && current.map(c -> Conditions.NEW_RS_AVAILABLE.equals(c.reason())).orElse(false);
    if (deadline.isPresent() && !alreadyComplete) {
      String subject = s.newRS().map(rs -> "ReplicaSet \"" + ReplicaSets.name(rs) + "\"")
          .orElse("Deployment \"" + d.metadata().name() + "\"");
      if (isComplete(d, status)) {
        Conditions.set(conditions, Conditions.create(Conditions.PROGRESSING, Conditions.TRUE,
            Conditions.NEW_RS_AVAILABLE, subject + " has successfully progressed.", s.now));
      } else if (progressed(s.previousStatus(), status)) {
        DeploymentCondition condition = Conditions.create(Conditions.PROGRESSING, Conditions.TRUE,
            Conditions.RS_UPDATED, subject + " is progressing.", s.now);
        // Progress refreshes lastUpdateTime even when the reason stays the same.
        if (current.isPresent() && Conditions.TRUE.equals(current.get().status())) {
          condition = Conditions.withTransitionTime(condition, current.get().lastTransitionTime());
        }
        Conditions.remove(conditions, Conditions.PROGRESSING);
        Conditions.set(conditions, condition);
      } else if (timedOut(d, conditions, s.now)) {
        Conditions.set(conditions, Conditions.create(Conditions.PROGRESSING, Conditions.FALSE,
            Conditions.TIMED_OUT, subject + " has timed out progressing.", s.now));
      }
    }
    Optional<DeploymentCondition> failure = replicaFailure(s);
    if (failure.isPresent()) {
      Conditions.set(conditions, failure.get());
    } else {
      Conditions.remove(conditions, Conditions.REPLICA_FAILURE);
    }
    return withConditions(status, conditions);
  }

  /**
   * When to look again for a rollout that may get stuck: just after its progress deadline would
   * pass; empty when complete, timed out (Progressing False), paused or not tracked.
   */
  static Optional<Duration> recheckAfter(RolloutState s, DeploymentStatus status) {
    Optional<Integer> deadline = DeploymentSpecs.progressDeadlineSeconds(s.deployment);
    Optional<DeploymentCondition> progressing = Conditions.get(status.conditions(), Conditions.PROGRESSING);
    if (deadline.isEmpty() || progressing.isEmpty() || isComplete(s.deployment, status)
        || DeploymentSpecs.paused(s.deployment) || s.deployment.metadata().isDeleting()
        || Conditions.FALSE.equals(progressing.get().status())) {
      return Optional.empty();
    }
    Optional<Instant> from = Rfc3339.parse(progressing.get().lastUpdateTime());
    if (from.isEmpty()) {
      return Optional.empty();
    }
    Duration after = Duration.between(s.now, from.get().plusSeconds(deadline.get()));
    return Optional.of(after.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : after.plusSeconds(1));
  }

  /** Every replica updated and available, and this generation observed. */
  static boolean isComplete(Deployment d, DeploymentStatus status) {
    if (status == null) {
      return false;
    }
    int replicas = DeploymentSpecs.replicas(d);
    Long generation = d.metadata().generation();
    Long observed = status.observedGeneration();
    return count(status.updatedReplicas()) == replicas
        && count(status.replicas()) == replicas
        && count(status.availableReplicas()) == replicas
        && (observed == null ? 0 : observed) >= (generation == null ? 0 : generation);
  }

  private static DeploymentStatus observe(RolloutState s, List<DeploymentCondition> conditions) {
    Deployment d = s.deployment;
    List<ReplicaSet> all = s.all();
    int available = ReplicaSets.sum(all, ReplicaSets::reportedAvailable);
    int unavailable = Math.max(0, ReplicaSets.sumSpec(all) - available);
    if (available >= DeploymentSpecs.replicas(d) - DeploymentSpecs.maxUnavailable(d)) {
      Conditions.set(conditions, Conditions.create(Conditions.AVAILABLE, Conditions.TRUE,
          Conditions.MINIMUM_REPLICAS_AVAILABLE, "Deployment has minimum availability.", s.now));
    } else {
      Conditions.set(conditions, Conditions.create(Conditions.AVAILABLE, Conditions.FALSE,
          Conditions.MINIMUM_REPLICAS_UNAVAILABLE, "Deployment does not have minimum availability.", s.now));
    }
    return new DeploymentStatus(
        d.metadata().generation(),
        ReplicaSets.sum(all, ReplicaSets::statusReplicas),
        s.newRS().map(ReplicaSets::statusReplicas).orElse(0),
        ReplicaSets.sum(all, ReplicaSets::readyReplicas),
        available,
        unavailable,
        List.copyOf(conditions),
        s.collisionCount());
  }

  private static DeploymentStatus withConditions(DeploymentStatus st, List<DeploymentCondition> conditions) {
    return new DeploymentStatus(st.observedGeneration(), st.replicas(), st.updatedReplicas(), st.readyReplicas(),
        st.availableReplicas(), st.unavailableReplicas(), List.copyOf(conditions), st.collisionCount());
  }

  /** More pods updated, fewer old ones, or more ready or available than the last status said. */
  private static boolean progressed(DeploymentStatus before, DeploymentStatus after) {
    int updatedBefore = before == null ? 0 : count(before.updatedReplicas());
    int oldBefore = before == null ? 0 : count(before.replicas()) - updatedBefore;
    int readyBefore = before == null ? 0 : count(before.readyReplicas());
    int availableBefore = before == null ? 0 : count(before.availableReplicas());
    int oldAfter = count(after.replicas()) - count(after.updatedReplicas());
    return count(after.updatedReplicas()) > updatedBefore
        || oldAfter < oldBefore
        || count(after.readyReplicas()) > readyBefore
        || count(after.availableReplicas()) > availableBefore;
  }

  /** No progress recorded for progressDeadlineSeconds since the condition's lastUpdateTime. */
  private static boolean timedOut(Deployment d, List<DeploymentCondition> conditions, Instant now) {
    Optional<Integer> deadline = DeploymentSpecs.progressDeadlineSeconds(d);
    Optional<DeploymentCondition> progressing = Conditions.get(conditions, Conditions.PROGRESSING);
    if (deadline.isEmpty() || progressing.isEmpty()) {
      return false;
    }
    String reason = progressing.get().reason();
    if (Conditions.NEW_RS_AVAILABLE.equals(reason)) {
      return false;
    }
    if (Conditions.TIMED_OUT.equals(reason)) {
      return true;
    }
    return Rfc3339.parse(progressing.get().lastUpdateTime())
        .map(from -> from.plusSeconds(deadline.get()).isBefore(now))
        .orElse(false);
  }

  /** A ReplicaFailure reported by the new ReplicaSet, else by an old one. */
  private static Optional<DeploymentCondition> replicaFailure(RolloutState s) {
    List<ReplicaSet> order = new ArrayList<>();
    s.newRS().ifPresent(order::add);
    order.addAll(s.oldRSs());
    for (ReplicaSet rs : order) {
      if (rs.status() == null || rs.status().conditions() == null) {
        continue;
      }
      for (ReplicaSetCondition c : rs.status().conditions()) {
        if (Conditions.REPLICA_FAILURE.equals(c.type())) {
          return Optional.of(new DeploymentCondition(c.type(), c.status(), c.reason(), c.message(),
              c.lastTransitionTime(), c.lastTransitionTime()));
        }
      }
    }
    return Optional.empty();
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }
}
