package dev.orca.scheduler;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.orca.model.Node;
import dev.orca.model.Pod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds a cluster in memory, runs scheduling batches against a snapshot of it and captures the
 * decisions; pods it places are bound, so the next batch sees them.
 */
final class SchedulerHarness {
  private final List<Node> nodes = new ArrayList<>();
  private final List<Pod> bound = new ArrayList<>();
  private final Map<String, SchedulingResult> decisions = new LinkedHashMap<>();
  private final SchedulingBatch batch;

  SchedulerHarness(SchedulingPipeline pipeline) {
    this.batch = new SchedulingBatch(pipeline);
  }

  SchedulerHarness() {
    this(SchedulingPipeline.standard());
  }

  SchedulerHarness nodes(Fixtures.NodeBuilder... builders) {
    Arrays.stream(builders).map(Fixtures.NodeBuilder::build).forEach(nodes::add);
    return this;
  }

  SchedulerHarness bound(Fixtures.PodBuilder... builders) {
    Arrays.stream(builders).map(Fixtures.PodBuilder::build).forEach(bound::add);
    return this;
  }

  ClusterSnapshot snapshot() {
    return ClusterSnapshot.of(nodes, bound);
  }

  /** Schedules the pods as one batch; returns the outcome and binds the placed pods. */
  SchedulingBatch.Outcome schedule(Fixtures.PodBuilder... builders) {
    List<Pod> pending = Arrays.stream(builders).map(Fixtures.PodBuilder::build).toList();
    SchedulingBatch.Outcome outcome = batch.schedule(snapshot(), pending);
    for (SchedulingBatch.Decision d : outcome.decisions()) {
      decisions.put(d.pod().metadata().name(), d.result());
      if (d.result() instanceof SchedulingResult.Scheduled s) {
        bound.add(outcome.snapshot().node(s.nodeName()).pods().stream()
            .filter(p -> p.metadata().name().equals(d.pod().metadata().name()))
            .findFirst().orElseThrow());
      }
    }
    return outcome;
  }

  SchedulingResult result(String podName) {
    return decisions.get(podName);
  }

  String nodeOf(String podName) {
    return assertInstanceOf(SchedulingResult.Scheduled.class, decisions.get(podName)).nodeName();
  }

  String messageOf(String podName) {
    return assertInstanceOf(SchedulingResult.Unschedulable.class, decisions.get(podName)).message();
  }

  /** How many bound pods each node runs, by node name. */
  Map<String, Integer> podsPerNode() {
    Map<String, Integer> counts = new TreeMap<>();
    nodes.forEach(n -> counts.put(n.metadata().name(), 0));
    bound.forEach(p -> counts.merge(p.spec().nodeName(), 1, Integer::sum));
    return counts;
  }
}
