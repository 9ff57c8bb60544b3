package dev.orca.control.deployment;

import dev.orca.model.ReplicaSet;
import java.util.Collection;
import java.util.Set;

/** The annotations a Deployment keeps on itself and its ReplicaSets, and revision numbers. */
public final class Revisions {
  /** On a ReplicaSet: the revision its template is; on the Deployment: the current revision. */
  public static final String REVISION = "deployment.kubernetes.io/revision";
  /** On a ReplicaSet that was rolled back to: the revisions it used to be, comma-separated. */
  public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  /** On a ReplicaSet: the Deployment's replicas when it was last scaled. */
  public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  /** On a ReplicaSet: the Deployment's replicas + maxSurge when it was last scaled. */
  public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

  /** Deployment annotations that are not copied onto its ReplicaSets. */
  static final Set<String> NOT_COPIED = Set.of(
      REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS,
      "kubectl.kubernetes.io/last-applied-configuration",
      "deprecated.deployment.rollback.to");

  private static final int MAX_HISTORY_CHARS = 2000;

  private Revisions() {}

  /** The ReplicaSet's revision, 0 when it has none. */
  public static long of(ReplicaSet rs) {
    return parse(annotation(rs, REVISION));
  }

  public static long max(Collection<ReplicaSet> replicaSets) {
    return replicaSets.stream().mapToLong(Revisions::of).max().orElse(0);
  }

  static String annotation(ReplicaSet rs, String key) {
    return rs.metadata() == null ? null : rs.metadata().annotationsOrEmpty().get(key);
  }

  static long parse(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The history annotation after recording {@code oldRevision}, bounded in length. */
  static String appendHistory(String history, String oldRevision) {
    if (history == null || history.isEmpty()) {
      return oldRevision;
    }
    String joined = history + "," + oldRevision;
    while (joined.length() > MAX_HISTORY_CHARS && joined.contains(",")) {
      joined = joined.substring(joined.indexOf(',') + 1);
    }
    return joined;
  }
}
