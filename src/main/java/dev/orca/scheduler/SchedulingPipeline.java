package dev.orca.scheduler;

import dev.orca.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses a node for one pod: filters decide which nodes are feasible, weighted scorers rank
 * them, the best wins; a tie goes to a seeded random choice among the best, so equal nodes
 * share the load instead of the first one taking everything.
 *
 * <p>In a large cluster the filters stop once the {@link NodeSampler} says enough feasible nodes
 * were found, and each pod starts where the previous one stopped, so every node gets its turn
 * while the cost per pod stays bounded as the cluster grows.
 *
 * <p>The rotating start and the tie-breaking random are the only state; one pipeline serves one
 * scheduler and is not meant to be shared between threads.
 */
public final class SchedulingPipeline {
  /** kube-scheduler's error when the cluster has no nodes at all. */
  public static final String NO_NODES_AVAILABLE = "no nodes available to schedule pods";
  public static final long DEFAULT_SEED = 0x5eed;

  private final List<FilterPlugin> filters;
  private final List<WeightedScorer> scorers;
  private final NodeSampler sampler;
  private final SplittableRandom random;
  private int nextStartIndex;

  public SchedulingPipeline(List<FilterPlugin> filters, List<WeightedScorer> scorers, NodeSampler sampler, long seed) {
    this.filters = List.copyOf(filters);
    this.scorers = List.copyOf(scorers);
    this.sampler = sampler;
    this.random = new SplittableRandom(seed);
  }

  public SchedulingPipeline(List<FilterPlugin> filters, List<WeightedScorer> scorers, NodeSampler sampler) {
    this(filters, scorers, sampler, DEFAULT_SEED);
  }

  /**
   * kube-scheduler's default filters in its order (unschedulable, node name, taints, node
   * affinity, resources, pod anti-affinity), the least-allocated, balanced and spreading scores,
   * and the adaptive node sampler.
   */
  public static SchedulingPipeline standard() {
    return standard(DEFAULT_SEED);
  }

  public static SchedulingPipeline standard(long seed) {
    return new SchedulingPipeline(
        List.of(new NodeUnschedulable(), new NodeName(), new TaintToleration(), new NodeAffinityFilter(),
            new NodeResourcesFit(), new PodAntiAffinityFilter()),
        List.of(new WeightedScorer(new LeastAllocated(), 1), new WeightedScorer(new BalancedAllocation(), 1),
            new WeightedScorer(new SelectorSpread(), 2)),
        NodeSampler.adaptive(),
        seed);
  }

  public SchedulingResult schedule(Pod pod, ClusterSnapshot snapshot) {
    return evaluate(pod, snapshot).result();
  }

  /** The decision with how much work it took: nodes filtered and nodes scored. */
  public Attempt evaluate(Pod pod, ClusterSnapshot snapshot) {
    int numAllNodes = snapshot.size();
    if (numAllNodes == 0) {
      return new Attempt(new SchedulingResult.Unschedulable(NO_NODES_AVAILABLE), 0, 0);
    }
    List<FilterPlugin> prepared = new ArrayList<>(filters.size());
    for (FilterPlugin f : filters) {
      FilterPlugin ready = f.prepare(pod, snapshot);
      if (ready != FilterPlugin.NOTHING_TO_CHECK) {
        prepared.add(ready);
      }
    }
    int wanted = sampler.feasibleNodesToFind(numAllNodes);
    List<NodeInfo> feasible = new ArrayList<>(Math.min(wanted, numAllNodes));
    Map<String, Integer> reasons = new HashMap<>();
    int start = nextStartIndex % numAllNodes;
    int filtered = 0;
    while (filtered < numAllNodes && feasible.size() < wanted) {
      NodeInfo node = snapshot.nodeAt((start + filtered) % numAllNodes);
      filtered++;
      List<String> failures = firstFailures(prepared, pod, node, snapshot);
      if (failures.isEmpty()) {
        feasible.add(node);
      } else {
        failures.forEach(r -> reasons.merge(r, 1, Integer::sum));
      }
    }
    nextStartIndex = (start + filtered) % numAllNodes;
    if (feasible.isEmpty()) {
      return new Attempt(new SchedulingResult.Unschedulable(fitError(numAllNodes, reasons)), filtered, 0);
    }
    if (feasible.size() == 1) {
      return new Attempt(new SchedulingResult.Scheduled(feasible.get(0).name()), filtered, 0);
    }
    return new Attempt(new SchedulingResult.Scheduled(best(pod, feasible, snapshot).name()), filtered,
        feasible.size());
  }

  /** The reasons of the first filter that rejects the node; empty if none does. */
  private static List<String> firstFailures(List<FilterPlugin> filters, Pod pod, NodeInfo node,
      ClusterSnapshot snapshot) {
    for (int i = 0; i < filters.size(); i++) { // by index: an iterator per node visited was 1 % of the fill's allocation
      List<String> failures = filters.get(i).failures(pod, node, snapshot);
      if (!failures.isEmpty()) {
        return failures;
      }
    }
    return List.of();
  }

  /** The highest total score; among equals, each is equally likely (reservoir sampling). */
  private NodeInfo best(Pod pod, List<NodeInfo> feasible, ClusterSnapshot snapshot) {
    List<WeightedScorer> prepared = new ArrayList<>(scorers.size());
    for (WeightedScorer s : scorers) {
      prepared.add(new WeightedScorer(s.plugin().prepare(pod, snapshot), s.weight()));
    }
    NodeInfo chosen = null;
    long bestScore = Long.MIN_VALUE;
    int ties = 0;
    for (NodeInfo node : feasible) {
      long total = 0;
      for (int i = 0; i < prepared.size(); i++) {
        WeightedScorer s = prepared.get(i);
        total += (long) s.weight() * s.plugin().score(pod, node, snapshot);
      }
      if (total > bestScore) {
        bestScore = total;
        chosen = node;
        ties = 1;
      } else if (total == bestScore) {
        ties++;
        if (random.nextInt(ties) == 0) {
          chosen = node;
        }
      }
    }
    return chosen;
  }

  /**
   * kube-scheduler's FitError text: "0/N nodes are available:" then, after a space, the
   * "count reason" entries sorted as strings, joined by ", ", and a closing period.
   */
  static String fitError(int numAllNodes, Map<String, Integer> reasons) {
    StringBuilder message = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
    if (!reasons.isEmpty()) {
      List<String> histogram = new ArrayList<>(reasons.size());
      reasons.forEach((reason, count) -> histogram.add(count + " " + reason));
      histogram.sort(null);
      message.append(' ').append(String.join(", ", histogram)).append('.');
    }
    return message.toString();
  }

  /** One scheduling decision and its cost: how many nodes were filtered, how many scored. */
  public record Attempt(SchedulingResult result, int nodesFiltered, int nodesScored) {}
}
