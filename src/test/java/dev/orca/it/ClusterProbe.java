package dev.orca.it;

import dev.orca.bench.FailoverBench;
import dev.orca.cluster.ClusterView;
import dev.orca.cluster.MemberFiles;
import dev.orca.cluster.MemberSpec;
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

  /**
   * Awaits every member seeing all {@code count} members Up and reachable, in every view, for
   * {@code settled} in a row: a member just restarted has joined before the others have its
   * heartbeats, and a partition made in that window let the cut-off member count the new one on
   * its side, so both sides downed the other's member (StaleWriterTest).
   */
  static void awaitSettled(MemberFiles files, int count, Duration settled, Duration bound) {
    long[] cleanSince = {0};
    ApiClient.await(count + " members Up and reachable in every view for " + settled, bound, () -> {
      boolean clean = true;
      for (MemberSpec m : files.members()) {
        try {
          ApiClient.Response r = new ApiClient(m.managementPort()).get("/cluster/members");
          ClusterView view = ClusterView.parse(r.body());
          clean &= r.code() == 200 && view.byAddress().size() == count && view.byAddress().values().stream()
              .allMatch(member -> member.status().equals("Up") && member.reachable());
        } catch (Exception e) {
          clean = false;
        }
      }
      long now = System.nanoTime();
      if (!clean) {
        cleanSince[0] = 0;
      } else if (cleanSince[0] == 0) {
        cleanSince[0] = now;
      }
      return cleanSince[0] == 0 ? Duration.ZERO : Duration.ofNanos(now - cleanSince[0]);
    }, clean -> clean.compareTo(settled) >= 0);
  }
}
