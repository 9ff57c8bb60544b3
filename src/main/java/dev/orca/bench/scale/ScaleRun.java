package dev.orca.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One size, start to finish, on a control plane of its own: nodes registered and Ready; the pods
 * created (the fill) while a watch times each one's binding and readiness; start-up latency at
 * the probe rate; the control plane at rest (CPU, live heap, journal size); the API phase (the
 * verbs' latencies under background writes, and how late the watch delivers those writes); a
 * full restart, timed until every node and pod is Ready again in the API.
 */
final class ScaleRun {
  private static final Duration REST = Duration.ofSeconds(20);
  /** How many classes the heap growth table lists. */
  private static final int HEAP_CLASSES = 15;

  private final ScaleOptions options;
  private final ScaleOptions.Size size;
  private final Consumer<String> log;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> notes = new ArrayList<>();
  private final long t0 = System.nanoTime();

  ScaleRun(ScaleOptions options, ScaleOptions.Size size, Consumer<String> log) {
    this.options = options;
    this.size = size;
    this.log = line -> log.accept("[" + size + "] " + line);
  }

  SizeResult run() throws Exception {
    Path dir = options.dataDir().resolve(size.toString());
    try (ControlPlane cp = new ControlPlane(options, size, dir, log)) {
      log.accept("starting " + cp.describe() + " with " + cp.nodes() + " simulated nodes");
      cp.create();
      String api = cp.apis().get(0);
      long nodesStart = System.nanoTime();
      awaitProgress("nodes", () -> readyNodes(api) >= cp.nodes(), () -> readyNodes(api) + "/" + cp.nodes() + " Ready");
      double nodesReady = seconds(nodesStart);
      long heapNodes = ProcessStats.liveHeapBytes(cp.processes());
      HeapHistogram histogramNodes = options.profile() ? ProcessStats.histogram(cp.processes().get(0)) : null;
      log.accept(String.format("%d nodes Ready in %.1f s; live heap %s", cp.nodes(), nodesReady, mib(heapNodes)));
      for (int i = 0; i < PodCreator.NAMESPACES; i++) {
        send(api, "POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
            + PodCreator.namespace(i) + "\"}}", 201);
      }
      try (PodWatch watch = new PodWatch(api, listResourceVersion(api), log)) {
        Map<String, JfrProfile.Summary> profiles = new LinkedHashMap<>();
        startProfile(cp, dir, "fill");
        long fillStart = System.nanoTime();
        Fill fill = options.deployments() > 0 ? fillWithDeployments(cp, watch, fillStart)
            : fillWithPods(cp, watch, fillStart);
        log.accept(String.format("fill: %d pods Running and Ready in %.1f s", watch.ready(), fill.seconds()));
        if (watch.failedUnready() > 0) {
          notes.add("fill: " + watch.failedUnready() + " pods failed before they were Ready (their node's lease lapsed: NodeLost)");
        }
        stopProfile(cp, dir, "fill", profiles);
        // the probe's pods and the API phase's creates must fit beside the fill (a node holds so many pods)
        int room = podCapacity(api) - size.pods() - ApiPhase.CREATES_PER_SECOND
            * (int) options.apiWarmup().plus(options.apiFor()).toSeconds();
        int wanted = (int) (options.probeRate() * options.probeFor().toSeconds());
        if (room < wanted) {
          notes.add("the probe made " + Math.max(0, room) + " pods, not " + wanted + ": the nodes have room for no more");
        }
        PodCreator probe = new PodCreator(cp.apis(), "q", Math.max(0, Math.min(wanted, room)));
        if (probe.count() > 0) {
          int before = watch.ready();
          Thread probing = startCreator(probe, options.probeRate(), options.concurrency());
          try {
            awaitProgress("probe", () -> watch.ready() >= before + probe.count() || (!probing.isAlive() && probe.failed() > 0
                    && watch.ready() + probe.failed() >= before + probe.count()),
                () -> String.format("created %d/%d at %d/s  ready %d", probe.done(), probe.count(), options.probeRate(),
                    watch.ready() - before));
          } catch (IllegalStateException e) {
            notes.add("probe: " + e.getMessage() + " (start-up counted over the pods that started)");
          }
          probing.join();
        }
        double[] probeStartup = startup(probe, watch);
        double[] probeToBound = startup(probe, watch, null, t -> t.bound, 0);
        double[] probeBoundToReady = startup(probe, watch, t -> t.bound, t -> t.ready, options.containerStart().toMillis());
        double restCpu = restCpu(cp);
        long heapFull = ProcessStats.liveHeapBytes(cp.processes());
        List<HeapHistogram.Growth> heapGrowth = histogramNodes == null ? List.of()
            : ProcessStats.histogram(cp.processes().get(0)).growthSince(histogramNodes, HEAP_CLASSES);
        long journal = cp.journalBytes();
        log.accept(String.format("at rest: %.2f cores, live heap %s, journal %s", restCpu, mib(heapFull), mib(journal)));
        double apiCpuBefore = ProcessStats.cpuSeconds(cp.processes());
        long apiStart = System.nanoTime();
        startProfile(cp, dir, "api");
        ApiPhase.Result apiResult = new ApiPhase(http, cp.apis(), fill.keys(), watch, options, log).run();
        stopProfile(cp, dir, "api", profiles);
        double apiCpu = (ProcessStats.cpuSeconds(cp.processes()) - apiCpuBefore) / seconds(apiStart);
        int podsAtEnd = size.pods() + probe.count() + apiResult.created();
        int readyBefore = readyPods(api); // a pod the nodes had no room for is not Ready before the restart either
        watch.close(); // the restart ends it; what it saw is kept
        double[] restart = options.restart() ? restart(cp, readyBefore) : new double[] {Double.NaN, Double.NaN};
        return new SizeResult(size.nodes(), size.pods(), options.members(), options.journal(), nodesReady, fill.seconds(),
            fill.createPerSec(), fill.behindMs(), fill.failures() + probe.failed(),
            fill.error() != null ? fill.error() : probe.firstError(), ScaleMetrics.rate(fill.bound()),
            ScaleMetrics.percentiles(fill.startup()), ScaleMetrics.percentiles(probeStartup), options.probeRate(),
            ScaleMetrics.percentiles(probeToBound), ScaleMetrics.percentiles(probeBoundToReady), apiResult.verbs(),
            apiResult.watchDelivery(), options.backgroundWrites(), apiCpu, restCpu, heapNodes, heapFull,
            journal, podsAtEnd, restart[0], restart[1], ScaleMetrics.perSecond(fill.bound()),
            ScaleMetrics.perSecond(fill.ready()), sorted(fill.startup()), profiles, heapGrowth, List.copyOf(notes));
      }
    }
  }

  /**
   * What the fill did: its pods (namespace/name), how long until all were Running and Ready, the
   * create rate reached and how far sends fell behind it, failures, and per pod (seconds after
   * the fill began) when it was bound and ready, and its start-up latency (ms).
   */
  private record Fill(List<String> keys, double seconds, double createPerSec, double behindMs, int failures, String error,
      double[] bound, double[] ready, double[] startup) {}

  /** Bare Pods through the API at the options' rate; start-up from each create request. */
  private Fill fillWithPods(ControlPlane cp, PodWatch watch, long fillStart) throws InterruptedException {
    PodCreator fill = new PodCreator(cp.apis(), "p", size.pods());
    double cpuBefore = ProcessStats.cpuSeconds(cp.processes());
    Thread creator = startCreator(fill, options.rate(), options.concurrency());
    // a pod that failed before it was Ready (its node's lease lapsed: NodeLost) is never Ready
    awaitProgress("fill", () -> watch.ready() + watch.failedUnready() >= size.pods() || (!creator.isAlive()
            && fill.failed() > 0 && watch.ready() + watch.failedUnready() + fill.failed() >= size.pods()),
        () -> String.format("created %d/%d  bound %d  ready %d  failed %d  cpu %.1f cores", fill.done(), size.pods(),
            watch.bound(), watch.ready(), watch.failedUnready(),
            (ProcessStats.cpuSeconds(cp.processes()) - cpuBefore) / Math.max(1e-9, seconds(fillStart))));
    creator.join();
    double seconds = seconds(fillStart);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < fill.count(); i++) {
      keys.add(fill.key(i));
    }
    double createSeconds = lastAck(fill) - (fillStart - t0) / 1e9;
    return new Fill(keys, seconds, size.pods() / Math.max(1e-9, createSeconds), fill.behindMillis(), fill.failed(),
        fill.firstError(), times(keys, watch, t -> t.bound, fillStart), times(keys, watch, t -> t.ready, fillStart),
        startup(fill, watch));
  }

  /**
   * The pods as {@code deployments} Deployments sharing them (spread over the namespaces), their
   * ReplicaSets making the pods; start-up from each pod's first appearance on the watch.
   */
  private Fill fillWithDeployments(ControlPlane cp, PodWatch watch, long fillStart) throws Exception {
    int d = options.deployments();
    int created = 0;
    for (int i = 0; i < d; i++) {
      int replicas = size.pods() / d + (i < size.pods() % d ? 1 : 0);
      String ns = PodCreator.namespace(i);
      send(cp.apis().get(i % cp.apis().size()), "POST", "/apis/apps/v1/namespaces/" + ns + "/deployments",
          deployment("d-" + i, replicas), 201);
      created += replicas;
    }
    double createSeconds = seconds(fillStart);
    double cpuBefore = ProcessStats.cpuSeconds(cp.processes());
    awaitProgress("fill", () -> watch.ready() >= size.pods(),
        () -> String.format("%d Deployments  pods seen %d  bound %d  ready %d  cpu %.1f cores", d, watch.all().size(),
            watch.bound(), watch.ready(), (ProcessStats.cpuSeconds(cp.processes()) - cpuBefore)
                / Math.max(1e-9, seconds(fillStart))));
    double seconds = seconds(fillStart);
    List<String> keys = new ArrayList<>(watch.all().keySet());
    double containerMs = options.containerStart().toMillis();
    double[] startup = keys.stream().map(watch::times).filter(t -> t.ready > 0)
        .mapToDouble(t -> (t.ready - t.seen) / 1e6 - containerMs).toArray();
    return new Fill(keys, seconds, created / Math.max(1e-9, createSeconds), 0, 0, null,
        times(keys, watch, t -> t.bound, fillStart), times(keys, watch, t -> t.ready, fillStart), startup);
  }

  private static String deployment(String name, int replicas) {
    return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
        + "\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},\"template\":{"
        + "\"metadata\":{\"labels\":{\"app\":\"" + name + "\"}},\"spec\":{\"containers\":[{\"name\":\"c\","
        + "\"image\":\"registry.k8s.io/pause:3.9\",\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"16Mi\"}}}],"
        + "\"tolerations\":[{\"key\":\"orca.dev/simulated\",\"operator\":\"Exists\"}]}}}}";
  }

  private void startProfile(ControlPlane cp, Path dir, String phase) {
    if (options.profile()) {
      try {
        JfrProfile.start(cp.processes().get(0).pid(), dir.resolve(phase + ".jfr").toAbsolutePath());
      } catch (Exception e) {
        notes.add("no profile of the " + phase + ": " + e.getMessage());
      }
    }
  }

  private void stopProfile(ControlPlane cp, Path dir, String phase, Map<String, JfrProfile.Summary> into) {
    if (options.profile()) {
      try {
        JfrProfile.stop(cp.processes().get(0).pid());
        into.put(phase, JfrProfile.summarize(dir.resolve(phase + ".jfr").toAbsolutePath(), 15));
      } catch (Exception e) {
        notes.add("no profile of the " + phase + ": " + e.getMessage());
      }
    }
  }

  private Thread startCreator(PodCreator creator, int rate, int concurrency) {
    Thread t = new Thread(() -> {
      try {
        creator.run(rate, concurrency, options.timeout());
      } catch (Exception e) {
        log.accept("creating pods: " + e.getMessage());
        notes.add("creating pods: " + e.getMessage());
      }
    }, "scale-creator");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The pods' start-up latencies, ms: sent → Running and Ready, less the simulated container's start. */
  private double[] startup(PodCreator creator, PodWatch watch) {
    return startup(creator, watch, null, t -> t.ready, options.containerStart().toMillis());
  }

  /**
   * For each pod of the creator the watch saw reach {@code at}: ms from the create sent (with
   * {@code from}, from that moment of the watch's instead), less {@code lessMs}.
   */
  private static double[] startup(PodCreator creator, PodWatch watch, java.util.function.ToLongFunction<PodWatch.Times> from,
      java.util.function.ToLongFunction<PodWatch.Times> at, double lessMs) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < creator.count(); i++) {
      PodWatch.Times t = watch.times(creator.key(i));
      long start = t == null ? 0 : from == null ? creator.sentAt(i) : from.applyAsLong(t);
      if (t != null && at.applyAsLong(t) > 0 && start > 0) {
        out.add((at.applyAsLong(t) - start) / 1e6 - lessMs);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] times(List<String> keys, PodWatch watch, java.util.function.ToLongFunction<PodWatch.Times> f,
      long from) {
    List<Double> out = new ArrayList<>();
    for (String key : keys) {
      PodWatch.Times t = watch.times(key);
      if (t != null && f.applyAsLong(t) > 0) {
        out.add((f.applyAsLong(t) - from) / 1e9);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private double lastAck(PodCreator creator) {
    long last = 0;
    for (int i = 0; i < creator.count(); i++) {
      last = Math.max(last, creator.ackedAt(i));
    }
    return (last - t0) / 1e9;
  }

  private double restCpu(ControlPlane cp) throws InterruptedException {
    double before = ProcessStats.cpuSeconds(cp.processes());
    long start = System.nanoTime();
    TimeUnit.NANOSECONDS.sleep(REST.toNanos()); // measuring CPU over a stretch of rest: the wait is the measurement
    return (ProcessStats.cpuSeconds(cp.processes()) - before) / seconds(start);
  }

  /** Stops every JVM and starts them again: seconds until the API answers, and until every node and the pods Ready before are Ready. */
  private double[] restart(ControlPlane cp, int pods) throws Exception {
    log.accept("restart: stopping every JVM");
    cp.stop();
    long start = System.nanoTime();
    cp.start();
    double apiUp = seconds(start);
    String api = cp.apis().get(0);
    log.accept(String.format("restart: API answering after %.1f s", apiUp));
    int[] last = {0, 0};
    // the pods' readiness through a watch from now (the current state, then changes), as a client
    // at this scale would follow it: listing 150,000 pods every 250 ms loaded the control plane
    // the restart was being measured on
    try (PodWatch watch = new PodWatch(api, "", log)) {
      long[] nodesListed = {0};
      awaitProgress("restart", () -> {
        last[1] = watch.readyNow();
        if (last[1] >= pods || System.nanoTime() - nodesListed[0] > TimeUnit.SECONDS.toNanos(2)) {
          last[0] = readyNodes(api); // 5,000 nodes: listed every 2 s, and once the pods are all Ready
          nodesListed[0] = System.nanoTime();
        }
        return last[0] >= cp.nodes() && last[1] >= pods;
      }, () -> String.format("nodes Ready %d/%d  pods Ready %d/%d", last[0], cp.nodes(), last[1], pods));
    } catch (IllegalStateException e) {
      // what the earlier phases measured still goes into the report; the restart is told as not whole
      String failed = "restart: not whole: " + e.getMessage();
      log.accept(failed);
      notes.add(failed);
      return new double[] {Double.NaN, apiUp};
    }
    double all = seconds(start);
    log.accept(String.format("restart: everything Ready after %.1f s", all));
    return new double[] {all, apiUp};
  }

  /** Polls {@code done} every second until true or the timeout; a progress line every 5 s. */
  private void awaitProgress(String phase, BooleanSupplier done, Supplier<String> progress) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + options.timeout().toNanos();
    long nextLine = start + TimeUnit.SECONDS.toNanos(5);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(phase + " not done within " + options.timeout() + ": " + progress.get());
      }
      if (System.nanoTime() >= nextLine) {
        log.accept(String.format("%-7s %5.0fs  %s", phase, seconds(start), progress.get()));
        nextLine += TimeUnit.SECONDS.toNanos(5);
      }
      TimeUnit.MILLISECONDS.sleep(250); // polling the benchmark's own counters and the API
    }
  }

  /** How many pods the nodes can hold (their allocatable pods, summed). */
  private int podCapacity(String api) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/nodes")).build(),
        HttpResponse.BodyHandlers.ofString());
    int total = 0;
    for (JsonNode node : Json.mapper().readTree(r.body()).path("items")) {
      total += node.path("status").path("allocatable").path("pods").asInt(0);
    }
    return total;
  }

  private int readyNodes(String api) {
    return countReady(api, "/api/v1/nodes", false);
  }

  private int readyPods(String api) {
    return countReady(api, "/api/v1/pods", true);
  }

  /** Items of a (paged) list whose Ready condition is True; -1 pages are retried by the caller's poll. */
  private int countReady(String api, String path, boolean running) {
    int ready = 0;
    String cont = "";
    try {
      do {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + path + "?limit=5000"
            + (cont.isEmpty() ? "" : "&continue=" + cont))).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          return 0;
        }
        JsonNode list = Json.mapper().readTree(r.body());
        for (JsonNode item : list.path("items")) {
          boolean isReady = PodWatch.readyCondition(item);
          if (isReady && (!running || item.path("status").path("phase").asText().equals("Running"))) {
            ready++;
          }
        }
        cont = list.path("metadata").path("continue").asText("");
      } while (!cont.isEmpty());
    } catch (Exception e) {
      return 0;
    }
    return ready;
  }

  private String listResourceVersion(String api) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/pods?limit=1")).build(),
        HttpResponse.BodyHandlers.ofString());
    return Json.mapper().readTree(r.body()).path("metadata").path("resourceVersion").asText();
  }

  private void send(String api, String method, String path, String body, int expected) throws Exception {
    dev.orca.bench.ApiCall.expect(http, api, method, path, body, code -> code == expected || code == 409);
  }

  private double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static double[] sorted(double[] values) {
    double[] s = values.clone();
    java.util.Arrays.sort(s);
    return s;
  }

  static String mib(long bytes) {
    return bytes < 0 ? "?" : String.format("%.0f MiB", bytes / 1048576.0);
  }
}
