package dev.orca.it;

import dev.orca.bench.FailoverBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A 3-member test cluster for FailoverBench's 20 Deployments × 3 replicas, and the wait for them to recover. */
final class ClusterProbe {
  private ClusterProbe() {}

  /** {@code orca cluster up}: 3 members, 2 simulated nodes each, on the PostgreSQL at {@code pgPort}, free ports. */
  static void up(FailoverBench bench, Path dir, int pgPort, String... extra) {
    List<String> args = new ArrayList<>(List.of("up", "--nodes", "3", "--simulated-nodes", "2", "--data-dir",
        dir.toString(), "--postgres-port", Integer.toString(pgPort), "--timeout", "180",
        "--api-port", Integer.toString(OrcaProcess.freeRange(3)),
        "--remoting-port", Integer.toString(OrcaProcess.freeRange(3)),
        "--management-port", Integer.toString(OrcaProcess.freeRange(3))));
    args.addAll(List.of(extra));
    bench.cluster(args.toArray(String[]::new));
  }

  /**
   * Awaits every Deployment available with exactly its replicas, as {@code member}'s API shows it
   * ({@link FailoverBench#problems(String)}). A probe the API does not answer in time (3 s) while the
   * cluster heals is one more "not yet", printed, not the end of the wait: the bound decides.
   */
  static void awaitRecovered(FailoverBench bench, String member, Duration bound) {
    ApiClient.await("every Deployment available with exactly its replicas", bound, () -> {
      try {
        return bench.problems(member);
      } catch (Exception e) {
        System.out.println("cluster probe: no answer from " + member + "'s API: " + e);
        return List.of("no answer from " + member + "'s API: " + e);
      }
    }, List::isEmpty);
  }
}
