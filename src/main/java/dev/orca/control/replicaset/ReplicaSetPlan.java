package dev.orca.control.replicaset;

import dev.orca.model.Pod;
import dev.orca.model.ReplicaSetStatus;
import java.util.List;
import java.util.Objects;

/**
 * What one ReplicaSet sync decided.
 *
 * @param create pods to create, fully formed (name, owner reference, labels, spec, phase Pending);
 *     the caller adds each name to its pending creates until the pod is visible
 * @param delete names of owned pods to delete, terminal pods first, then the excess in
 *     {@link PodDeletionOrder}; the caller adds each to its pending deletes until it is gone
 * @param status the status observed this sync; persist it only when {@link #statusChanged}
 */
public record ReplicaSetPlan(List<Pod> create, List<String> delete, ReplicaSetStatus status, int missing) {
  public ReplicaSetPlan {
    create = List.copyOf(create);
    delete = List.copyOf(delete);
    Objects.requireNonNull(status, "status");
  }

  public ReplicaSetPlan(List<Pod> create, List<String> delete, ReplicaSetStatus status) {
    this(create, delete, status, create.size());
  }

  /** Whether more pods are missing than this plan creates (it was allowed fewer). */
  public boolean wantsMore() {
    return missing > create.size();
  }

  /** Whether the status differs from the one last stored, so it needs writing. */
  public boolean statusChanged(ReplicaSetStatus old) {
    return !status.equals(old);
  }

  /** Whether anything is to be created or deleted. */
  public boolean hasActions() {
    return !create.isEmpty() || !delete.isEmpty();
  }
}
