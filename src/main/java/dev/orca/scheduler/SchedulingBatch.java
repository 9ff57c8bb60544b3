package dev.orca.scheduler;

import dev.orca.model.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedules pending pods one after another against a snapshot, assuming each placement before
 * deciding the next, so a batch never puts more on a node than it holds. The scheduler calls it
 * once per tick and tells each bound pod its node; the Node entity still re-checks capacity when
 * it admits the binding.
 */
public final class SchedulingBatch {
  private final SchedulingPipeline pipeline;

  public SchedulingBatch(SchedulingPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * Decides every pod in order on a working copy of the snapshot (the given one is left as it is);
   * the outcome holds the decisions and the snapshot after them.
   */
  public Outcome schedule(ClusterSnapshot snapshot, List<Pod> pending) {
    List<Decision> decisions = new ArrayList<>(pending.size());
    ClusterSnapshot current = snapshot.working();
    for (Pod pod : pending) {
      SchedulingResult result = pipeline.schedule(pod, current);
      if (result instanceof SchedulingResult.Scheduled scheduled) {
        current = current.assume(pod, scheduled.nodeName());
      }
      decisions.add(new Decision(pod, result));
    }
    return new Outcome(List.copyOf(decisions), current);
  }

  /** What was decided for one pod. */
  public record Decision(Pod pod, SchedulingResult result) {}

  /** The decisions in the order the pods were given, and the snapshot with every placement. */
  public record Outcome(List<Decision> decisions, ClusterSnapshot snapshot) {}
}
