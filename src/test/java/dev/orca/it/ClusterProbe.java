package dev.orca.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.bench.FailoverBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A 3-member test cluster with FailoverBench's 20 Deployments × 3 replicas, and its health as the API shows it. */
final class ClusterProbe {
  static final int DEPLOYMENTS = 20;
  static final int REPLICAS = 3;

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

  static void awaitRecovered(ApiClient api, Duration bound) {
    ApiClient.await("every Deployment available with exactly its replicas", bound, () -> problems(api), List::isEmpty);
  }

  /** Why the Deployments are not all available with exactly their replicas (empty when they are). */
  static List<String> problems(ApiClient api) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> active = new TreeMap<>();
    for (JsonNode d : ApiClient.items(api.getJson("/apis/apps/v1/namespaces/default/deployments"))) {
      String name = d.path("metadata").path("name").asText();
      active.put(name, 0);
      if (d.path("status").path("availableReplicas").asInt() != d.path("spec").path("replicas").asInt()) {
        problems.add(name + " available " + d.path("status").path("availableReplicas"));
      }
    }
    for (JsonNode p : ApiClient.items(api.getJson("/api/v1/namespaces/default/pods"))) {
      String phase = p.path("status").path("phase").asText();
      if (!p.path("metadata").has("deletionTimestamp") && !phase.equals("Succeeded") && !phase.equals("Failed")) {
        active.merge(p.path("metadata").path("labels").path("app").asText(), 1, Integer::sum);
      }
    }
    active.forEach((app, n) -> {
      if (n != REPLICAS) {
        problems.add(app + " has " + n + " active pods");
      }
    });
    if (active.size() < DEPLOYMENTS) {
      problems.add(active.size() + " Deployments");
    }
    return problems;
  }
}
