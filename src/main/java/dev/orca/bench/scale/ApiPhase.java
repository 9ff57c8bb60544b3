package dev.orca.bench.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The API under a steady load, open loop, for {@code apiFor}: background writes (a merge patch of
 * an annotation on one pod after another of {@code pods}, namespace/name keys, {@code backgroundWrites} a second) and, beside them,
 * creates, single-object GETs and paged LISTs (500 a page, as kubectl asks) of one namespace and of
 * the whole cluster. Each verb's latency is kept; each write's annotation value is looked for on
 * the watch, so watch delivery is timed from the write to its event.
 */
final class ApiPhase {
  static final int CREATES_PER_SECOND = 5;
  static final int GETS_PER_SECOND = 20;
  static final int NAMESPACE_LISTS_PER_SECOND = 2;
  static final int CLUSTER_LISTS_PER_SECOND = 1;
  private static final Duration DRAIN = Duration.ofSeconds(10);

  record Result(Map<String, SizeResult.Verb> verbs, ScaleMetrics.Percentiles watchDelivery, int created) {}

  private final HttpClient http;
  private final List<String> apis;
  private final List<String> pods;
  private final PodWatch watch;
  private final ScaleOptions options;
  private final Consumer<String> log;

  ApiPhase(HttpClient http, List<String> apis, List<String> pods, PodWatch watch, ScaleOptions options, Consumer<String> log) {
    this.http = http;
    this.apis = apis;
    this.pods = pods;
    this.watch = watch;
    this.options = options;
    this.log = log;
  }

  Result run() throws InterruptedException {
    String run = Long.toString(System.nanoTime() % 1_000_000, 36);
    List<VerbLoad> loads = new ArrayList<>();
    long start = System.nanoTime();
    VerbLoad patch = VerbLoad.start("patch", http, options.backgroundWrites(), n -> {
      String[] key = pods.get(n % pods.size()).split("/");
      return request(n, "/api/v1/namespaces/" + key[0] + "/pods/" + key[1]).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/merge-patch+json")
          .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"annotations\":{\"" + PodWatch.MARK + "\":\""
              + run + "-" + n + "\"}}}")).build();
    });
    loads.add(patch);
    loads.add(VerbLoad.start("create", http, CREATES_PER_SECOND, n -> request(n, "/api/v1/namespaces/"
        + PodCreator.namespace(n) + "/pods").timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(PodCreator.manifest("c-" + run + "-" + n, PodCreator.namespace(n)))).build()));
    loads.add(VerbLoad.start("get", http, GETS_PER_SECOND, n -> {
      String[] key = pods.get(ThreadLocalRandom.current().nextInt(pods.size())).split("/");
      return request(n, "/api/v1/namespaces/" + key[0] + "/pods/" + key[1]).timeout(Duration.ofSeconds(30)).GET().build();
    }));
    loads.add(VerbLoad.start("list-namespace", http, NAMESPACE_LISTS_PER_SECOND, n -> request(n, "/api/v1/namespaces/"
        + PodCreator.namespace(n) + "/pods?limit=500").timeout(Duration.ofSeconds(60)).GET().build()));
    loads.add(VerbLoad.start("list-cluster", http, CLUSTER_LISTS_PER_SECOND, n -> request(n, "/api/v1/pods?limit=500")
        .timeout(Duration.ofSeconds(60)).GET().build()));
    long measured = start + options.apiWarmup().toNanos();
    long end = measured + options.apiFor().toNanos();
    progressUntil(measured, start, "warm-up");
    Map<VerbLoad, Integer> skippedInWarmup = new LinkedHashMap<>();
    loads.forEach(load -> skippedInWarmup.put(load, load.skipped()));
    progressUntil(end, start, "");
    Map<String, SizeResult.Verb> verbs = new LinkedHashMap<>();
    List<VerbLoad.Outcome> patches = List.of();
    int created = 0;
    double seconds = options.apiFor().toNanos() / 1e9;
    for (VerbLoad load : loads) {
      List<VerbLoad.Outcome> all = load.stop(Duration.ofSeconds(30));
      // a request never answered (n < 0) counts against the phase whenever it was sent
      List<VerbLoad.Outcome> outcomes = all.stream().filter(o -> o.n() < 0 || o.sentAt() >= measured).toList();
      double[] ok = outcomes.stream().filter(VerbLoad.Outcome::ok).mapToDouble(VerbLoad.Outcome::millis).toArray();
      int failures = (int) outcomes.stream().filter(o -> !o.ok()).count();
      verbs.put(load.verb(), new SizeResult.Verb(ScaleMetrics.percentiles(ok), failures, outcomes.size() / seconds,
          load.skipped() - skippedInWarmup.get(load),
          slowestBySecond(all, start, options.apiWarmup().plus(options.apiFor()))));
      if (load == patch) {
        patches = outcomes;
      }
      if (load.verb().equals("create")) {
        created = (int) all.stream().filter(VerbLoad.Outcome::ok).count();
      }
    }
    return new Result(verbs, delivery(patches, run), created);
  }

  /**
   * Write sent → its event on the watch, ms, of every acknowledged write (one never seen within the
   * drain counts as the drain). From the send, not the answer: the event often arrives before the
   * client has read the answer, so answer → event would be mostly zero; this is the delay a client
   * sees between making a change and a watcher learning of it, the write's own latency included.
   */
  private ScaleMetrics.Percentiles delivery(List<VerbLoad.Outcome> patches, String run) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    List<Double> out = new ArrayList<>();
    for (VerbLoad.Outcome o : patches) {
      if (!o.ok()) {
        continue;
      }
      Long seen = watch.markSeen(run + "-" + o.n());
      while (seen == null && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20); // the event may still be on its way
        seen = watch.markSeen(run + "-" + o.n());
      }
      out.add(seen == null ? DRAIN.toMillis() : Math.max(0, (seen - o.sentAt()) / 1e6));
    }
    return ScaleMetrics.percentiles(out.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private void progressUntil(long until, long start, String stage) throws InterruptedException {
    while (System.nanoTime() < until) {
      TimeUnit.SECONDS.sleep(Math.min(5, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(until - System.nanoTime()))));
      log.accept(String.format("api     %5.0fs  %d writes/s in the background%s, watch events %d",
          (System.nanoTime() - start) / 1e9, options.backgroundWrites(), stage.isEmpty() ? "" : " (" + stage + ")",
          watch.events()));
    }
  }

  /** The slowest answer (ms) to the requests sent in each second from {@code start}: shows whether a p99 is one stall or many. */
  static double[] slowestBySecond(List<VerbLoad.Outcome> outcomes, long start, Duration phase) {
    double[] slowest = new double[(int) Math.max(1, phase.toSeconds())];
    for (VerbLoad.Outcome o : outcomes) {
      if (o.n() < 0) {
        continue; // never answered: counted as a failure, not placed in time
      }
      int second = (int) ((o.sentAt() - start) / 1_000_000_000L);
      if (second >= 0 && second < slowest.length) {
        slowest[second] = Math.max(slowest[second], o.millis());
      }
    }
    return slowest;
  }

  private HttpRequest.Builder request(int n, String path) {
    return HttpRequest.newBuilder(URI.create(apis.get(n % apis.size()) + path));
  }
}
