package dev.orca.scheduler;

/** Where a pod goes, or, in kube-scheduler's words, why it cannot go anywhere. */
public sealed interface SchedulingResult {
  /** The pod fits the node. */
  record Scheduled(String nodeName) implements SchedulingResult {}

  /**
   * No node fits, e.g. {@code 0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had
   * untolerated taint {dedicated: gpu}.}
   */
  record Unschedulable(String message) implements SchedulingResult {}
}
