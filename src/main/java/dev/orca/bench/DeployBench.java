package dev.orca.bench;

import dev.orca.boot.Orca;
import dev.orca.boot.OrcaSettings;
import dev.orca.boot.PersistenceConfig;
import dev.orca.model.Deployment;
import dev.orca.model.Node;
import dev.orca.model.Pod;
import dev.orca.model.PodResources;
import dev.orca.model.ResourceType;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code orca bench deploy}: how long one Deployment of R replicas takes on N simulated nodes,
 * from POST to R Running pods, and to R available in the Deployment's status. It starts Orca in
 * this JVM on a fresh journal, drives it over HTTP as a user would, samples the read side every
 * 100 ms, and writes a report (Markdown, CSV, SVG) under bench/results/.
 */
public final class DeployBench {
  private DeployBench() {}

  /** {@code sets}: {@code path=value} overrides, e.g. {@code orca.journal.kind=postgres}. */
  public static void run(int replicas, int nodes, Path results, long timeoutSeconds, List<String> sets) throws Exception {
    Path data = Files.createTempDirectory("orca-bench-");
    OrcaSettings settings = OrcaSettings.defaults().withDataDir(data).withPort(0).withWorkerNodes(nodes);
    for (String set : sets) {
      settings = settings.withSet(set);
    }
    String journal = PersistenceConfig.kind(settings.config()) == PersistenceConfig.Kind.H2
        ? "H2 journal in a fresh temporary directory" : "PostgreSQL journal at " + settings.config().getString("orca.journal.postgres.url");
    String command = "bin/orca bench deploy --replicas " + replicas + " --nodes " + nodes
        + sets.stream().map(s -> " --set " + s).collect(java.util.stream.Collectors.joining());
    System.out.printf("orca bench deploy: %d replicas on %d simulated nodes (%s)%n", replicas, nodes, journal);
    try (Orca orca = Orca.start(settings)) {
      WatchCache cache = dev.orca.store.Store.get(orca.system()).cache();
      long waitNodes = System.nanoTime();
      while (readyNodes(cache) < nodes) {
        if (System.nanoTime() - waitNodes > 60_000_000_000L) {
          throw new IllegalStateException("only " + readyNodes(cache) + " of " + nodes + " nodes became ready");
        }
        Thread.sleep(50);
      }
      long eventsBefore = cache.resourceVersion();
      HttpClient http = HttpClient.newHttpClient();
      String body = manifest(replicas);
      long start = System.nanoTime();
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + orca.port()
              + "/apis/apps/v1/namespaces/default/deployments"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      double postMs = (System.nanoTime() - start) / 1e6;
      if (created.statusCode() != 201) {
        throw new IllegalStateException("POST failed: " + created.statusCode() + " " + created.body());
      }
      List<double[]> created_ = new ArrayList<>();
      List<double[]> scheduled = new ArrayList<>();
      List<double[]> running = new ArrayList<>();
      double firstRunning = -1;
      double allRunning = -1;
      double allAvailable = -1;
      long lastPrint = 0;
      while (allAvailable < 0) {
        double t = (System.nanoTime() - start) / 1e9;
        if (t > timeoutSeconds) {
          throw new IllegalStateException("not done after " + timeoutSeconds + " s");
        }
        int[] counts = podCounts(cache);
        created_.add(new double[] {t, counts[0]});
        scheduled.add(new double[] {t, counts[1]});
        running.add(new double[] {t, counts[2]});
        if (firstRunning < 0 && counts[2] > 0) {
          firstRunning = t;
        }
        if (allRunning < 0 && counts[2] >= replicas) {
          allRunning = t;
        }
        StoredObject d = cache.get(new dev.orca.store.ObjectKey(ResourceType.DEPLOYMENT, "default", "bench"));
        Deployment deployment = d == null ? null : (Deployment) d.object();
        if (allRunning >= 0 && deployment != null && deployment.status() != null
            && deployment.status().availableReplicas() != null && deployment.status().availableReplicas() >= replicas) {
          allAvailable = t;
        }
        if (System.nanoTime() - lastPrint > 1_000_000_000L) {
          System.out.printf(Locale.ROOT, "  t=%5.1fs  pods created %4d  scheduled %4d  running %4d / %d%n",
              t, counts[0], counts[1], counts[2], replicas);
          lastPrint = System.nanoTime();
        }
        Thread.sleep(100);
      }
      long events = cache.resourceVersion() - eventsBefore;
      System.out.printf(Locale.ROOT, "done: first pod Running %.2f s, all %d Running %.2f s, Deployment available %.2f s, "
          + "%d journal events (%.1f per pod)%n", firstRunning, replicas, allRunning, allAvailable, events,
          events / (double) replicas);
      write(results, command, journal, replicas, nodes, postMs, firstRunning, allRunning, allAvailable, events,
          List.of(new SvgChart.Series("created", "#999999", created_),
              new SvgChart.Series("scheduled", "#1f77b4", scheduled),
              new SvgChart.Series("Running", "#2ca02c", running)));
    }
  }

  private static int readyNodes(WatchCache cache) {
    int ready = 0;
    for (StoredObject s : cache.all(ResourceType.NODE)) {
      Node n = (Node) s.object();
      if (n.status() != null && n.status().conditions() != null
          && n.status().conditions().stream().anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()))) {
        ready++;
      }
    }
    return ready;
  }

  /** Pods of the bench: created, bound to a node, Running and Ready. */
  private static int[] podCounts(WatchCache cache) {
    int created = 0;
    int bound = 0;
    int running = 0;
    for (StoredObject s : cache.all(ResourceType.POD)) {
      Pod p = (Pod) s.object();
      if (!"bench".equals(p.metadata().labelsOrEmpty().get("app"))) {
        continue;
      }
      created++;
      if (p.spec().nodeName() != null) {
        bound++;
      }
      if (p.status() != null && "Running".equals(p.status().phase()) && PodResources.isReady(p)) {
        running++;
      }
    }
    return new int[] {created, bound, running};
  }

  private static String manifest(int replicas) {
    return """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"bench"},
         "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"bench"}},
          "template":{"metadata":{"labels":{"app":"bench"}},
           "spec":{"containers":[{"name":"c","image":"bench:1","resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}}}
        """.formatted(replicas);
  }

  private static void write(Path dir, String command, String journal, int replicas, int nodes, double postMs, double first, double allRunning,
      double available, long events, List<SvgChart.Series> series) throws Exception {
    Files.createDirectories(dir);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
    String base = "deploy-" + replicas + "x" + nodes + (journal.startsWith("H2") ? "" : "-postgres") + "-" + stamp;
    Files.writeString(dir.resolve(base + ".svg"), SvgChart.lines(
        "Deployment of " + replicas + " replicas on " + nodes + " simulated nodes", "seconds after POST", "pods", series));
    StringBuilder csv = new StringBuilder("seconds,created,scheduled,running\n");
    for (int i = 0; i < series.get(0).points().size(); i++) {
      csv.append(String.format(Locale.ROOT, "%.3f,%.0f,%.0f,%.0f%n", series.get(0).points().get(i)[0],
          series.get(0).points().get(i)[1], series.get(1).points().get(i)[1], series.get(2).points().get(i)[1]));
    }
    Files.writeString(dir.resolve(base + ".csv"), csv);
    String md = """
        # Deployment of %d replicas on %d simulated nodes

        Command: `%s`
        Machine: %d cores, Java %s, one JVM with every role, %s,
        simulated containers start %s after they are asked to.

        | measure | value |
        | --- | --- |
        | POST answered (object in the journal and in the watch cache) | %.0f ms |
        | first pod Running and Ready | %.2f s |
        | all %d pods Running and Ready | %.2f s |
        | Deployment status reports %d available | %.2f s |
        | journal events written | %d (%.1f per pod) |

        ![pods over time](%s.svg)

        Raw samples (every 100 ms): [%s.csv](%s.csv)
        """.formatted(replicas, nodes, command, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), journal, com.typesafe.config.ConfigFactory.load().getString("orca.runtime.simulated-start-delay"),
        postMs, first, replicas, allRunning, replicas, available, events, events / (double) replicas, base, base, base);
    Files.writeString(dir.resolve(base + ".md"), md);
    System.out.println("report: " + dir.resolve(base + ".md"));
  }
}
