package dev.orca.scheduler;

import dev.orca.model.Pod;

/** Ranks a feasible node for a pod: 0 (worst) to 100 (best). */
public interface ScorePlugin {
  int MAX_SCORE = 100;

  String name();

  int score(Pod pod, NodeInfo node, ClusterSnapshot snapshot);
}
