package dev.orca.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.boot.Orca;
import dev.orca.boot.OrcaSettings;
import dev.orca.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code orca bench rollout}: a rolling update of the web Deployment of
 * {@code k8s-manifests/web.yaml} (real processes on the process node behind a NodePort Service)
 * while a client sends requests through the Service at a fixed rate. Counts every failed request,
 * and writes a report (Markdown, CSV, SVG) under bench/results/.
 */
public final class RolloutBench {
  private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/default/deployments/web";

  private RolloutBench() {}

  /** What one run measured. */
  public record Result(List<RequestLoad.Sample> samples, List<double[]> rollouts, List<double[]> readyEndpoints,
      String oldHash, String newHash) {
    public long failures() {
      return samples.stream().filter(s -> !s.ok()).count();
    }
  }

  public static void main(Path manifest, int rate, int rollouts, Path out, long timeoutSeconds) throws Exception {
    Path data = Files.createTempDirectory("orca-bench-");
    OrcaSettings settings = OrcaSettings.defaults().withDataDir(data).withPort(0).withWorkerNodes(0)
        .with("orca.process-node.enabled", true);
    System.out.printf("orca bench rollout: %s, %d requests/s through the Service (journal in %s)%n", manifest, rate, data);
    try (Orca orca = Orca.start(settings)) {
      Result result = run(orca.port(), manifest, rate, rollouts, Duration.ofSeconds(timeoutSeconds), System.out::println);
      write(out, manifest, rate, result);
    }
    System.exit(0);
  }

  /** Applies the manifest, waits for the Deployment, then rolls it {@code rollouts} times while the load runs. */
  public static Result run(int apiPort, Path manifest, int rate, int rollouts, Duration timeout,
      java.util.function.Consumer<String> progress) throws Exception {
    Api api = new Api(apiPort);
    for (String doc : Files.readString(manifest).split("(?m)^---\\s*$")) {
      if (doc.contains("kind:")) {
        String kind = doc.replaceAll("(?s).*?kind:\\s*(\\w+).*", "$1");
        String path = kind.equals("Deployment") ? "/apis/apps/v1/namespaces/default/deployments"
            : "/api/v1/namespaces/default/" + kind.toLowerCase(Locale.ROOT) + "s";
        api.send("POST", path, "application/yaml", doc, 201);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode service = api.get("/api/v1/namespaces/default/services/web");
    int nodePort = service.path("spec").path("ports").path(0).path("nodePort").asInt();
    int replicas = api.get(DEPLOYMENT).path("spec").path("replicas").asInt();
    String oldHash = awaitRolledOut(api, replicas, deadline, progress, "initial rollout");
    awaitServing(nodePort, deadline);
    progress.accept("web is available (" + replicas + " replicas, template " + oldHash + "); load starts on 127.0.0.1:" + nodePort);

    List<double[]> ready = new ArrayList<>();
    RequestLoad load = RequestLoad.start(URI.create("http://127.0.0.1:" + nodePort + "/"), rate, Duration.ofSeconds(2));
    List<double[]> windows = new ArrayList<>();
    String firstHash = oldHash;
    try {
      sampleUntil(api, load, ready, load.elapsedSeconds() + 3, deadline);
      for (int i = 1; i <= rollouts; i++) {
        double start = load.elapsedSeconds();
        api.send("PATCH", DEPLOYMENT, "application/strategic-merge-patch+json",
            "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\""
                + Instant.now() + "\"}}}}}", 200);
        progress.accept(String.format(Locale.ROOT, "t=%.1fs rolling update %d of %d started", start, i, rollouts));
        while (true) {
          sampleUntil(api, load, ready, load.elapsedSeconds() + 0.5, deadline);
          String hash = rolledOutHash(api, replicas);
          if (hash != null && !hash.equals(oldHash)) {
            oldHash = hash;
            break;
          }
          progress.accept(String.format(Locale.ROOT, "t=%.1fs %s", load.elapsedSeconds(), rolloutState(api)));
        }
        double end = load.elapsedSeconds();
        windows.add(new double[] {start, end});
        progress.accept(String.format(Locale.ROOT, "t=%.1fs rolled out to template %s; 3 s more of load", end, oldHash));
        sampleUntil(api, load, ready, load.elapsedSeconds() + 3, deadline);
      }
    } finally {
      load.close();
    }
    Result result = new Result(load.stop(), windows, ready, firstHash, oldHash);
    progress.accept(String.format(Locale.ROOT, "%d requests, %d failed", result.samples().size(), result.failures()));
    return result;
  }

  /**
   * Waits until the Service answers through its node port: a Deployment available in the API may
   * still be moments from the proxy's table (its endpoints are written in batches), and a load
   * started before that measured the start, not the rollout (a CI run's first request failed so).
   */
  private static void awaitServing(int nodePort, long deadline) throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodePort + "/"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    while (true) {
      try {
        if (client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // the proxy has no ready backend yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Service never answered on node port " + nodePort);
      }
      Thread.sleep(100); // polling the Service until it serves, within the deadline
    }
  }

  private static void sampleUntil(Api api, RequestLoad load, List<double[]> ready, double until, long deadline)
      throws Exception {
    while (load.elapsedSeconds() < until) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the rollout did not finish in time: " + rolloutState(api));
      }
      JsonNode endpoints = api.get("/api/v1/namespaces/default/endpoints/web");
      int count = 0;
      for (JsonNode subset : endpoints.path("subsets")) {
        count += subset.path("addresses").size();
      }
      ready.add(new double[] {load.elapsedSeconds(), count});
      Thread.sleep(100);
    }
  }

  private static String awaitRolledOut(Api api, int replicas, long deadline, java.util.function.Consumer<String> progress,
      String what) throws Exception {
    long lastPrint = 0;
    while (true) {
      String hash = rolledOutHash(api, replicas);
      if (hash != null) {
        return hash;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not finish in time: " + rolloutState(api));
      }
      if (System.nanoTime() - lastPrint > 2_000_000_000L) {
        progress.accept("waiting for the " + what + ": " + rolloutState(api));
        lastPrint = System.nanoTime();
      }
      Thread.sleep(200);
    }
  }

  /** The pod-template-hash all pods share once the Deployment is rolled out and no other pod is left; else null. */
  private static String rolledOutHash(Api api, int replicas) throws Exception {
    JsonNode d = api.get(DEPLOYMENT);
    JsonNode status = d.path("status");
    if (status.path("observedGeneration").asLong() < d.path("metadata").path("generation").asLong()
        || status.path("updatedReplicas").asInt() != replicas || status.path("availableReplicas").asInt() != replicas
        || status.path("replicas").asInt() != replicas) {
      return null;
    }
    JsonNode pods = api.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dweb").path("items");
    if (pods.size() != replicas) {
      return null;
    }
    String hash = null;
    for (JsonNode p : pods) {
      String h = p.path("metadata").path("labels").path("pod-template-hash").asText();
      if (hash != null && !hash.equals(h)) {
        return null;
      }
      hash = h;
    }
    return hash;
  }

  private static String rolloutState(Api api) throws Exception {
    JsonNode status = api.get(DEPLOYMENT).path("status");
    return String.format(Locale.ROOT, "replicas %d, updated %d, ready %d, available %d",
        status.path("replicas").asInt(), status.path("updatedReplicas").asInt(), status.path("readyReplicas").asInt(),
        status.path("availableReplicas").asInt());
  }

  static void write(Path dir, Path manifest, int rate, Result r) throws Exception {
    Files.createDirectories(dir);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
    String base = "rollout-" + rate + "rps-x" + r.rollouts().size() + "-" + stamp;
    // requests per second answered by each pod template (in the order they appeared), and failed
    Map<String, Map<Integer, Integer>> byTemplate = new LinkedHashMap<>();
    Map<Integer, Integer> failedPerSecond = new TreeMap<>();
    int lastSecond = 0;
    List<Double> latencies = new ArrayList<>();
    Map<String, Integer> byPod = new LinkedHashMap<>();
    Map<String, Integer> failures = new LinkedHashMap<>();
    StringBuilder csv = new StringBuilder("sent_at_s,millis,status,answer,error\n");
    for (RequestLoad.Sample s : r.samples()) {
      int second = (int) Math.floor(s.sentAt());
      lastSecond = Math.max(lastSecond, second);
      if (s.ok()) {
        latencies.add(s.millis());
        byPod.merge(s.body(), 1, Integer::sum);
        byTemplate.computeIfAbsent(template(s.body()), k -> new TreeMap<>()).merge(second, 1, Integer::sum);
      } else {
        failedPerSecond.merge(second, 1, Integer::sum);
        failures.merge(s.error() != null ? s.error() : "HTTP " + s.status(), 1, Integer::sum);
      }
      csv.append(String.format(Locale.ROOT, "%.3f,%.1f,%d,%s,%s%n", s.sentAt(), s.millis(), s.status(),
          s.body() == null ? "" : s.body().replace(',', ' '), s.error() == null ? "" : s.error().replace(',', ' ')));
    }
    latencies.sort(Double::compare);
    String[] palette = {"#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"};
    List<SvgChart.Series> series = new ArrayList<>();
    int colour = 0;
    for (Map.Entry<String, Map<Integer, Integer>> e : byTemplate.entrySet()) {
      series.add(new SvgChart.Series("template " + e.getKey(), palette[colour++ % palette.length],
          perSecond(e.getValue(), lastSecond)));
    }
    series.add(new SvgChart.Series("failed", "#d62728", perSecond(failedPerSecond, lastSecond)));
    Files.writeString(dir.resolve(base + ".svg"), SvgChart.lines(
        "Requests/s through the Service by pod template, " + r.rollouts().size() + " rolling update(s)", "seconds",
        "requests per second", series));
    Files.writeString(dir.resolve(base + "-endpoints.svg"), SvgChart.lines("Ready endpoints of Service web",
        "seconds", "ready endpoints", List.of(new SvgChart.Series("ready addresses", "#9467bd", r.readyEndpoints()))));
    Files.writeString(dir.resolve(base + ".csv"), csv);
    StringBuilder pods = new StringBuilder();
    byPod.forEach((pod, n) -> pods.append("| ").append(pod).append(" | ").append(n).append(" |\n"));
    StringBuilder failed_ = new StringBuilder();
    failures.forEach((why, n) -> failed_.append("- ").append(n).append(" × ").append(why).append('\n'));
    String md = """
        # Zero-downtime rolling updates: %d requests/s through a NodePort Service

        Command: `bin/orca bench rollout --rate %d --rollouts %d` (manifest `%s`)
        Machine: %d cores, Java %s; one Orca JVM with every role, H2 journal in a fresh temporary
        directory, the process node running python3 http.server processes, the Service proxy in the
        same JVM. Each request is a new TCP connection to 127.0.0.1:NodePort (2 s timeout).

        | measure | value |
        | --- | --- |
        | requests sent | %d |
        | **failed requests** | **%d** |
        | rolling updates (PATCH of the template → all new pods available, old pods gone) | %s |
        | latency p50 / p99 / max (successful requests) | %.1f / %.1f / %.1f ms |

        Failures:
        %s
        Answers by pod (template %s first, %s last):

        | answer | requests |
        | --- | --- |
        %s
        ![requests per second by old and new pods](%s.svg)

        ![ready endpoints over time](%s-endpoints.svg)

        Every request: [%s.csv](%s.csv)
        """.formatted(rate, rate, r.rollouts().size(), manifest, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), r.samples().size(), r.failures(), durations(r.rollouts()),
        percentile(latencies, 0.5),
        percentile(latencies, 0.99), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
        failed_.length() == 0 ? "none\n" : failed_, r.oldHash(), r.newHash(), pods, base, base, base, base);
    Files.writeString(dir.resolve(base + ".md"), md);
    System.out.println("report: " + dir.resolve(base + ".md"));
  }

  /** The pod-template-hash in an answer "hello from web-<hash>-<suffix>". */
  private static String template(String answer) {
    String[] parts = answer.split("-");
    return parts.length >= 3 ? parts[parts.length - 2] : answer;
  }

  private static List<double[]> perSecond(Map<Integer, Integer> counts, int lastSecond) {
    List<double[]> points = new ArrayList<>();
    for (int second = 0; second <= lastSecond; second++) {
      points.add(new double[] {second, counts.getOrDefault(second, 0)});
    }
    return points;
  }

  private static String durations(List<double[]> windows) {
    List<String> out = new ArrayList<>();
    for (double[] w : windows) {
      out.add(String.format(Locale.ROOT, "%.1f s (at %.1f–%.1f s)", w[1] - w[0], w[0], w[1]));
    }
    return String.join(", ", out);
  }

  private static double percentile(List<Double> sorted, double q) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
  }

  /** The bench's own small client of the API. */
  private static final class Api {
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    Api(int port) {
      this.port = port;
    }

    JsonNode get(String path) throws Exception {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Json.mapper().readTree(r.body()) : Json.mapper().createObjectNode();
    }

    void send(String method, String path, String contentType, String body, int expected) throws Exception {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expected) {
        throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
      }
    }
  }
}
