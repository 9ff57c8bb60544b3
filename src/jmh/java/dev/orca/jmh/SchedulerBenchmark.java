package dev.orca.jmh;

import dev.orca.model.Pod;
import dev.orca.scheduler.BalancedAllocation;
import dev.orca.scheduler.ClusterSnapshot;
import dev.orca.scheduler.LeastAllocated;
import dev.orca.scheduler.NodeAffinityFilter;
import dev.orca.scheduler.NodeName;
import dev.orca.scheduler.NodeResourcesFit;
import dev.orca.scheduler.NodeSampler;
import dev.orca.scheduler.NodeUnschedulable;
import dev.orca.scheduler.PodAntiAffinityFilter;
import dev.orca.scheduler.SchedulingPipeline;
import dev.orca.scheduler.SchedulingResult;
import dev.orca.scheduler.SelectorSpread;
import dev.orca.scheduler.TaintToleration;
import dev.orca.scheduler.WeightedScorer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One scheduling decision (filter, then score, then pick) for the typical pod against a loaded
 * cluster of 100, 1,000 and 5,000 nodes, as {@code Scheduler} makes it for each pending pod:
 * with kube-scheduler's adaptive sampling ({@code schedulePod}: all of 100 nodes, 420 feasible of
 * 1,000, 500 of 5,000), and over every node ({@code schedulePodAllNodes}) for comparison.
 * {@code antiAffinity} adds required hostname anti-affinity to the pod's own app.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SchedulerBenchmark {
  @Param({"100", "1000", "5000"})
  int nodes;

  @Param({"false", "true"})
  boolean antiAffinity;

  private ClusterSnapshot snapshot;
  private Pod pod;
  private SchedulingPipeline adaptive;
  private SchedulingPipeline allNodes;

  @Setup
  public void setUp() {
    ClusterFixture cluster = ClusterFixture.of(nodes);
    snapshot = ClusterSnapshot.of(cluster.nodes, cluster.pods);
    pod = ClusterFixture.pendingTypical(antiAffinity);
    adaptive = SchedulingPipeline.standard();
    // SchedulingPipeline.standard()'s plugins, without the sampling
    allNodes = new SchedulingPipeline(
        List.of(new NodeUnschedulable(), new NodeName(), new TaintToleration(), new NodeAffinityFilter(),
            new NodeResourcesFit(), new PodAntiAffinityFilter()),
        List.of(new WeightedScorer(new LeastAllocated(), 1), new WeightedScorer(new BalancedAllocation(), 1),
            new WeightedScorer(new SelectorSpread(), 2)),
        NodeSampler.allNodes());
    if (!(adaptive.schedule(pod, snapshot) instanceof SchedulingResult.Scheduled)) {
      throw new IllegalStateException("the typical pod does not fit the fixture cluster");
    }
  }

  @Benchmark
  public SchedulingPipeline.Attempt schedulePod() {
    return adaptive.evaluate(pod, snapshot);
  }

  @Benchmark
  public SchedulingPipeline.Attempt schedulePodAllNodes() {
    return allNodes.evaluate(pod, snapshot);
  }
}
