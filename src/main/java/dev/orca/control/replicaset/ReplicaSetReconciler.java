package dev.orca.control.replicaset;

import dev.orca.model.Pod;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The ReplicaSet controller's decision: keep exactly {@code spec.replicas} active pods.
 *
 * <p>A pure function of the ReplicaSet, the pods it controls and the creates/deletes still in
 * flight (expectations); the caller applies the plan. Level-triggered: calling it again with the
 * same observations and the plan's names recorded as pending yields no new actions.
 */
public final class ReplicaSetReconciler {
  /** At most this many creates (and deletes) in one sync, like the Kubernetes controller's burst. */
  public static final int BURST_REPLICAS = 500;
  private static final int NAME_ATTEMPTS = 32;

  private ReplicaSetReconciler() {}

  /**
   * @param ownedPods pods whose controller owner reference is this ReplicaSet (by uid)
   * @param pendingCreates names of pods asked to be created and not yet seen in ownedPods
   * @param pendingDeletes names of pods asked to be deleted and still seen in ownedPods
   * @param nameSuffix random suffixes for new pod names ({@code <rs>-<suffix>})
   */
  public static ReplicaSetPlan reconcile(
      ReplicaSet rs,
      List<Pod> ownedPods,
      Set<String> pendingCreates,
      Set<String> pendingDeletes,
      Instant now,
      Supplier<String> nameSuffix) {
    return reconcile(rs, ownedPods, pendingCreates, pendingDeletes, now, nameSuffix, BURST_REPLICAS);
  }

  /** As above, creating at most {@code maxCreates} pods (what the caller may send now). */
  public static ReplicaSetPlan reconcile(
      ReplicaSet rs,
      List<Pod> ownedPods,
      Set<String> pendingCreates,
      Set<String> pendingDeletes,
      Instant now,
      Supplier<String> nameSuffix,
      int maxCreates) {
    ReplicaSetStatus status = ReplicaSetStatuses.observe(rs, ownedPods, now);
    if (rs.metadata().isDeleting()) {
      return new ReplicaSetPlan(List.of(), List.of(), status);
    }

    List<Pod> active = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    for (Pod pod : ownedPods) {
      if (Pods.isActive(pod)) {
        active.add(pod);
      } else if (Pods.isTerminal(pod) && !Pods.isDeleting(pod) && !pendingDeletes.contains(Pods.name(pod))) {
        delete.add(Pods.name(pod)); // replaced below like any missing replica; clean up the remains
      }
    }
    // a large ReplicaSet at rest expects nothing: no set of its pods' names to build then
    Set<String> visible = pendingCreates.isEmpty() ? Set.of() : names(ownedPods);
    long creating = pendingCreates.stream().filter(n -> !visible.contains(n)).count();
    long deleting = pendingDeletes.isEmpty() ? 0 : active.stream().filter(p -> pendingDeletes.contains(Pods.name(p))).count();
    long diff = active.size() + creating - deleting - desiredReplicas(rs);

    List<Pod> create = new ArrayList<>();
    if (diff < 0) {
      int wanted = (int) Math.min(-diff, Math.min(BURST_REPLICAS, Math.max(0, maxCreates)));
      Set<String> taken = names(ownedPods);
      taken.addAll(pendingCreates);
      for (int i = 0; i < wanted; i++) {
        Optional<String> name = freshName(rs.metadata().name(), taken, nameSuffix);
        if (name.isEmpty()) {
          break; // the suffix source keeps colliding; the next sync tries again
        }
        taken.add(name.get());
        create.add(ReplicaSetPods.fromTemplate(rs, name.get(), now));
      }
    } else if (diff > 0) {
      active.stream()
          .filter(p -> !pendingDeletes.contains(Pods.name(p)))
          .sorted(PodDeletionOrder.INSTANCE)
          .limit(Math.min(diff, BURST_REPLICAS))
          .forEach(p -> delete.add(Pods.name(p)));
    }
    return new ReplicaSetPlan(create, delete, status, diff < 0 ? (int) -diff : 0);
  }

  /**
   * How long until a ready pod becomes available (after minReadySeconds), so the caller can
   * reconcile again then and report it; empty when nothing is waiting.
   */
  public static Optional<Duration> recheckAfter(ReplicaSet rs, List<Pod> ownedPods, Instant now) {
    return ReplicaSetStatuses.nextAvailabilityCheck(rs, ownedPods, now);
  }

  /** spec.replicas, defaulting to 1 as the API does. */
  public static int desiredReplicas(ReplicaSet rs) {
    Integer replicas = rs.spec() == null ? null : rs.spec().replicas();
    return replicas == null ? 1 : Math.max(0, replicas);
  }

  private static Set<String> names(List<Pod> pods) {
    Set<String> names = new HashSet<>(pods.size() * 2);
    pods.forEach(p -> names.add(Pods.name(p)));
    return names;
  }

  private static Optional<String> freshName(String prefix, Set<String> taken, Supplier<String> nameSuffix) {
    for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      String name = prefix + "-" + nameSuffix.get();
      if (!taken.contains(name)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
