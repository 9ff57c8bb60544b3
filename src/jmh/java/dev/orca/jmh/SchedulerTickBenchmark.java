package dev.orca.jmh;

import dev.orca.model.Pod;
import dev.orca.scheduler.ClusterSnapshot;
import dev.orca.scheduler.NodeTable;
import dev.orca.scheduler.SchedulingBatch;
import dev.orca.scheduler.SchedulingPipeline;
import dev.orca.store.ObjectKey;
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
 * The rest of a scheduler tick ({@code Scheduler.onTick}) at 30 pods per node: the snapshot of the
 * scheduler's node table after a pod was bound since the last tick ({@code tableSnapshot}; 150,000
 * pods at 5,000 nodes, one in ten apps with required anti-affinity), and scheduling one full batch
 * of 500 pending pods, each placement assumed before the next ({@code batchOf500}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SchedulerTickBenchmark {
  /** Scheduler.BATCH. */
  static final int BATCH = 500;

  @Param({"100", "1000", "5000"})
  int nodes;

  private ClusterSnapshot snapshot;
  private NodeTable table;
  private Pod[] binding;
  private int bound;
  private List<Pod> pending;
  private SchedulingBatch batch;

  @Setup
  public void setUp() {
    ClusterFixture cluster = ClusterFixture.of(nodes);
    snapshot = ClusterSnapshot.of(cluster.nodes, cluster.pods);
    table = new NodeTable();
    cluster.nodes.forEach(table::putNode);
    cluster.pods.forEach(p -> table.putPod(ObjectKey.of(p), p));
    // one pod of an app with anti-affinity, bound in turn to two nodes: each change reaches the index too
    Pod moving = cluster.pods.get(0);
    binding = new Pod[] {moving, ClusterFixture.rebound(moving, ClusterFixture.nodeName(1))};
    pending = ClusterFixture.pending(BATCH / ClusterFixture.REPLICAS_PER_APP, false);
    batch = new SchedulingBatch(SchedulingPipeline.standard());
  }

  @Benchmark
  public ClusterSnapshot tableSnapshot() {
    Pod pod = binding[bound++ & 1];
    table.putPod(ObjectKey.of(pod), pod);
    return table.snapshot();
  }

  @Benchmark
  public SchedulingBatch.Outcome batchOf500() {
    return batch.schedule(snapshot, pending);
  }
}
