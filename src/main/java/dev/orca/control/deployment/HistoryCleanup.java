package dev.orca.control.deployment;

import dev.orca.model.ReplicaSet;
import java.util.List;

/**
 * Keeps at most revisionHistoryLimit old ReplicaSets: the oldest revisions beyond it go, but
 * only once they are scaled to zero, have no pods left and their controller has seen that.
 */
final class HistoryCleanup {
  private HistoryCleanup() {}

  static void cleanup(RolloutState s) {
    List<ReplicaSet> cleanable = s.oldRSs().stream()
        .filter(rs -> !rs.metadata().isDeleting())
        .sorted(ReplicaSets.BY_REVISION)
        .toList();
    int excess = cleanable.size() - DeploymentSpecs.revisionHistoryLimit(s.deployment);
    for (int i = 0; i < excess; i++) {
      ReplicaSet rs = cleanable.get(i);
      if (ReplicaSets.specReplicas(rs) != 0 || ReplicaSets.statusReplicas(rs) != 0 || ReplicaSets.statusIsStale(rs)) {
        continue;
      }
      s.delete(ReplicaSets.name(rs));
    }
  }
}
