package dev.orca.chaos.run;

import dev.orca.bench.ApiCall;
import dev.orca.boot.FileTrees;
import dev.orca.chaos.Durations;
import dev.orca.chaos.check.FinalObject;
import dev.orca.chaos.check.WriteCheck;
import dev.orca.chaos.check.WriteLog;
import dev.orca.chaos.check.WriteRecord;
import dev.orca.chaos.scenario.Profile;
import dev.orca.chaos.scenario.Scenario;
import dev.orca.chaos.scenario.Timeline;
import dev.orca.chaos.scenario.TimelineEvent;
import dev.orca.chaos.workload.WorkloadWriter;
import dev.orca.cluster.ClusterCommand;
import dev.orca.cluster.FreePorts;
import dev.orca.cluster.MemberFiles;
import dev.orca.cluster.MemberSpec;
import dev.orca.db.DbCommand;
import dev.orca.fencing.SingleWriterCheck;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One scenario under one configuration, start to finish: a private PostgreSQL and a cluster of
 * member JVMs under DATA_DIR (the profile's settings, chaos on, every entity command traced), the
 * workload laid down and available, then the fault phase — the writer writing, the probe sampling,
 * the faults injected on schedule, a progress line every few seconds — then recovery (writes
 * stop, the run waits for every Deployment and member to be whole again), the checks, and the
 * cluster and database taken down and looked for leftovers.
 */
final class ProfileRun {
  /** How long Kubernetes' timings need beyond Orca's to evict: node grace + toleration. */
  private static final Duration KUBERNETES_EXTRA = Duration.ofSeconds(40 + 300);
  private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(3);

  private final Scenario scenario;
  private final Profile profile;
  private final Path dataDir;
  private final Consumer<String> log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ProfileRun(Scenario scenario, Profile profile, Path dataDir, Consumer<String> log) {
    this.scenario = scenario;
    this.profile = profile;
    this.dataDir = dataDir.toAbsolutePath();
    this.log = line -> log.accept("[" + profile.wireName() + "] " + line);
  }

  RunResult run() throws Exception {
    FileTrees.delete(dataDir);
    Files.createDirectories(dataDir);
    MemberFiles files = new MemberFiles(dataDir);
    int pgPort = FreePorts.one();
    if (DbCommand.run(new String[] {"db", "up", "--data-dir", dataDir.toString(), "--port", Integer.toString(pgPort)}) != 0) {
      throw new IllegalStateException("orca db up failed in " + dataDir);
    }
    List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    RunResult result;
    try {
      List<String> up = new ArrayList<>(List.of("up", "--nodes", Integer.toString(scenario.cluster().members()),
          "--simulated-nodes", Integer.toString(scenario.cluster().simulatedNodesPerMember()), "--data-dir", dataDir.toString(),
          "--set", "orca.chaos.enabled=on", "--set", "orca.fencing.trace-commands=on"));
      int n = scenario.cluster().members();
      for (String flag : List.of("--api-port", "--remoting-port", "--management-port")) {
        up.addAll(List.of(flag, Integer.toString(FreePorts.range(n))));
      }
      profile.overrides().forEach((k, v) -> up.addAll(List.of("--set", k + "=" + v)));
      log.accept("starting " + scenario.cluster().members() + " members");
      ClusterCommand.runChecked(up.toArray(String[]::new));
      Set<String> base = layDown(files);
      result = faultPhase(files, base, samples);
    } finally {
      try {
        ClusterCommand.runChecked("down", "--data-dir", dataDir.toString());
      } catch (RuntimeException e) {
        log.accept("cluster down: " + e.getMessage());
      }
      DbCommand.run(new String[] {"db", "down", "--data-dir", dataDir.toString(), "--port", Integer.toString(pgPort)});
    }
    List<ProcessHandle> left = Orphans.after(dataDir, Duration.ofSeconds(10));
    left.forEach(p -> log.accept("left behind: pid " + p.pid() + " " + p.info().commandLine().orElse("?")));
    return result.withOrphans(left.size());
  }


  /** The namespace and the Deployments whose recovery is timed, available before any fault. */
  private Set<String> layDown(MemberFiles files) throws Exception {
    String api = files.members().get(0).apiUrl();
    String ns = scenario.workload().namespace();
    send(api, "POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
    Set<String> base = new LinkedHashSet<>();
    for (int i = 1; i <= scenario.workload().deployments(); i++) {
      String name = "d-" + i;
      send(api, "POST", "/apis/apps/v1/namespaces/" + ns + "/deployments",
          WorkloadWriter.manifest(name, scenario.workload().replicas(), scenario.workload().maxSurge(), null));
      base.add(name);
    }
    ClusterWatch watch = new ClusterWatch(files, ns, base, scenario.workload().maxSurge(), System.nanoTime());
    long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
    Sample s = watch.sample();
    while (!s.allAvailable() || s.degraded()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the workload was not available after " + SETUP_TIMEOUT + ": " + s);
      }
      TimeUnit.MILLISECONDS.sleep(500); // polling a remote cluster at the probe's pace
      s = watch.sample();
    }
    log.accept(base.size() + " Deployments × " + scenario.workload().replicas() + " available");
    return base;
  }

  private RunResult faultPhase(MemberFiles files, Set<String> base, List<Sample> samples) throws Exception {
    String ns = scenario.workload().namespace();
    ClusterWatch watch = new ClusterWatch(files, ns, base, scenario.workload().maxSurge(), System.nanoTime());
    List<TimelineEvent> events = Timeline.expand(scenario);
    Path writeLog = dataDir.resolve("writes.jsonl");
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger writesFailed = new AtomicInteger();
    ScheduledExecutorService probes = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "chaos-probe");
      t.setDaemon(true);
      return t;
    });
    Thread writer;
    double phaseEnd = scenario.duration().toNanos() / 1e9;
    Duration recoveryTimeout = profile == Profile.KUBERNETES ? scenario.recoveryTimeout().plus(KUBERNETES_EXTRA)
        : scenario.recoveryTimeout();
    double recoveredAt = Double.NaN;
    try (WriteLog wlog = WriteLog.create(writeLog); FaultDriver driver = new FaultDriver(files, watch, log)) {
      writer = startWriter(watch, wlog, writing, writesFailed);
      probes.scheduleAtFixedRate(() -> samples.add(watch.sample().withWritesFailed(writesFailed.getAndSet(0))), 0, scenario.workload().probeInterval().toMillis(),
          TimeUnit.MILLISECONDS);
      probes.scheduleAtFixedRate(() -> progress(watch, driver, samples, phaseEnd), 5, 5, TimeUnit.SECONDS);
      driver.schedule(events);
      log.accept(events.size() + " fault(s) over " + Durations.format(scenario.duration()));
      waitUntil(watch, phaseEnd);
      writing.set(false);
      writer.join(TimeUnit.SECONDS.toMillis(30));
      log.accept("fault phase over: waiting up to " + Durations.format(recoveryTimeout) + " for recovery");
      double limit = phaseEnd + recoveryTimeout.toNanos() / 1e9;
      while (watch.now() < limit) {
        Optional<Sample> last = last(samples);
        if (!driver.undoing() && last.isPresent() && !last.get().degraded() && watch.workloadConverged()) {
          recoveredAt = watch.now();
          break;
        }
        TimeUnit.MILLISECONDS.sleep(500); // the probe samples meanwhile; this checks its latest
      }
      probes.shutdownNow();
      probes.awaitTermination(5, TimeUnit.SECONDS);
      double end = watch.now();
      List<FaultWindow> windows = driver.windows();
      List<WriteRecord> writes = WriteLog.read(writeLog);
      Optional<List<FinalObject>> listing = watch.finalDeployments();
      WriteCheck.Result check = listing.map(l -> WriteCheck.check(writes, l)).orElse(null);
      List<String> findings = new ArrayList<>();
      if (check == null) {
        findings.add("no API answered the final listing: writes not checked");
      } else {
        check.lost().forEach(v -> findings.add("lost: " + v.key() + " write " + v.seq() + ": " + v.problem()));
        check.resurrected().forEach(v -> findings.add("resurrected: " + v.key() + " write " + v.seq() + ": " + v.problem()));
      }
      driver.close();
      return result(files, samples, windows, check, findings, end, recoveredAt, phaseEnd);
    } finally {
      writing.set(false);
      probes.shutdownNow();
    }
  }

  private RunResult result(MemberFiles files, List<Sample> samples, List<FaultWindow> windows, WriteCheck.Result check,
      List<String> findings, double end, double recoveredAt, double phaseEnd) throws IOException {
    List<String> trace = new ArrayList<>();
    for (MemberSpec m : files.members()) {
      if (Files.exists(files.log(m.name()))) {
        trace.addAll(Files.readAllLines(files.log(m.name())));
      }
    }
    SingleWriterCheck.Result writers = SingleWriterCheck.check(trace);
    writers.violations().forEach(v -> findings.add("two writers: " + v.a().entity() + " on " + v.a().writer() + " and "
        + v.b().writer()));
    List<Sample> copy;
    synchronized (samples) {
      copy = List.copyOf(samples);
    }
    RunMetrics.Summary summary = RunMetrics.of(copy, windows, end);
    double[] recovery = RunMetrics.recoveryP50Max(summary.faults());
    boolean recovered = !Double.isNaN(recoveredAt) && summary.faults().stream().allMatch(RunMetrics.PerFault::recovered);
    return new RunResult(profile.wireName(), recovered, RunResult.orNull(recovery[0]), RunResult.orNull(recovery[1]),
        RunResult.orNull(RunMetrics.detectP50(summary.faults())), summary.apiAvailability(), summary.apiAvailabilityOverall(),
        RunResult.orNull(summary.apiP50()), RunResult.orNull(summary.apiP99()), check == null ? 0 : check.acknowledged(),
        check == null ? 0 : check.unknown(), check == null ? -1 : check.lost().size(),
        check == null ? -1 : check.resurrected().size(), summary.excessPodSeconds(), writers.violations().size(),
        -1, (int) windows.stream().filter(FaultWindow::injected).count(), findings, summary.faults(), copy,
        Double.isNaN(recoveredAt) ? Double.NaN : Math.max(0, recoveredAt - phaseEnd));
  }

  private Thread startWriter(ClusterWatch watch, WriteLog wlog, AtomicBoolean writing, AtomicInteger failed) {
    WorkloadWriter w = new WorkloadWriter(() -> watch.api().orElse("http://127.0.0.1:1"), scenario.workload(),
        scenario.seed(), wlog, Duration.ofSeconds(5));
    long interval = (long) (1e9 / Math.max(0.01, scenario.workload().writesPerSecond()));
    Thread t = new Thread(() -> {
      long next = System.nanoTime();
      while (writing.get()) {
        w.writeOnce();
        if (w.lastFailed()) {
          failed.incrementAndGet();
        }
        next += interval;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait); // the write rate
        } else {
          next = System.nanoTime();
        }
      }
    }, "chaos-writer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void progress(ClusterWatch watch, FaultDriver driver, List<Sample> samples, double phaseEnd) {
    double now = watch.now();
    Optional<Sample> s = last(samples);
    List<String> faults = driver.inEffect(now);
    log.accept(String.format("%4.0fs/%.0fs  %s  pods ready %s  api %s", now, phaseEnd,
        faults.isEmpty() ? (now > phaseEnd ? "recovering" : "no fault") : "fault: " + String.join(", ", faults),
        s.map(x -> x.ready() + "/" + x.desired()).orElse("?"),
        s.map(x -> x.apiOk() ? String.format("%.0f ms", x.latencyMs()) : "DOWN").orElse("?")));
  }

  private static Optional<Sample> last(List<Sample> samples) {
    synchronized (samples) {
      return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
    }
  }

  private static void waitUntil(ClusterWatch watch, double seconds) throws InterruptedException {
    while (watch.now() < seconds) {
      TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(500, (long) ((seconds - watch.now()) * 1000))));
    }
  }

  private void send(String api, String method, String path, String body) throws Exception {
    ApiCall.expect(http, api, method, path, body, code -> code / 100 == 2);
  }
}
