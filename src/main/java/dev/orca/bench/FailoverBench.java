package dev.orca.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.cluster.ClusterCommand;
import dev.orca.cluster.MemberFiles;
import dev.orca.cluster.MemberSpec;
import dev.orca.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code orca bench failover}: a cluster of three members (two simulated nodes each) runs 20
 * Deployments; a member is killed with {@code kill -9} — the one hosting the most shards, or the
 * oldest (it hosts the ShardCoordinator and the singletons, the scheduler among them) — and the
 * bench times the recovery: from the kill until every Deployment is available again with exactly
 * its desired replicas. It samples the pods every 200 ms throughout and notes any Deployment with
 * more active pods than desired; it checks that every object listed before the kill is still there
 * (same uid), that the dead member's nodes go NotReady and their pods are replaced on surviving
 * nodes, and then restarts the member ({@code cluster restart}) and checks that it rejoins, its
 * nodes are Ready again and the counts stay exact.
 */
public final class FailoverBench {
  static final int DEPLOYMENTS = 20;
  static final int REPLICAS = 3;
  private static final Duration SAMPLE = Duration.ofMillis(200);

  /** Which member a trial kills. */
  public enum Victim {
    /** The member hosting the most shards, other than the oldest. */
    MOST_SHARDS,
    /** The oldest control member: the ShardCoordinator and the singletons (scheduler, GC, endpoints). */
    OLDEST
  }

  /** What one kill showed. Times are seconds after the kill (rejoin: after the restart). */
  public record Trial(Victim kind, String victim, int victimShards, double nodesNotReady, double recovered,
      int maxOverDesired, List<String> missing, int podsOnVictim, List<String> notReplaced, double rejoined,
      double nodesReadyAgain, int maxOverDesiredAfterRestart, FailoverTimeline timeline, double loadAtKill) {
    public boolean clean() {
      return maxOverDesired == 0 && missing.isEmpty() && notReplaced.isEmpty() && maxOverDesiredAfterRestart == 0;
    }
  }

  private final MemberFiles files;
  private final Consumer<String> log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public FailoverBench(Path dataDir, Consumer<String> log) {
    this.files = new MemberFiles(dataDir);
    this.log = log;
  }

  /** {@code orca bench failover}: up, the Deployments, {@code runs} trials of each victim kind, a report, down. */
  public static void main(Path dataDir, List<String> upFlags, int runs, Path out, Duration timeout, String commandLine)
      throws Exception {
    FailoverBench bench = new FailoverBench(dataDir, System.out::println);
    List<String> up = new ArrayList<>(List.of("up", "--nodes", "3", "--simulated-nodes", "2", "--data-dir", dataDir.toString()));
    up.addAll(upFlags);
    List<Trial> trials = new ArrayList<>();
    try {
      bench.cluster(up.toArray(String[]::new));
      bench.createDeployments(timeout);
      for (int run = 0; run < runs; run++) {
        for (Victim kind : Victim.values()) {
          Trial t = bench.trial(kind, timeout);
          trials.add(t);
          System.out.println(t);
        }
      }
    } finally {
      bench.cluster("down", "--data-dir", dataDir.toString());
      if (!trials.isEmpty()) {
        Path report = write(out, trials, commandLine);
        System.out.println("report: " + report);
      }
    }
  }

  // ---- set-up

  /** Runs {@code orca cluster ARGS}; its output goes to the log; fails unless it exits 0. */
  public String cluster(String... args) {
    return ClusterCommand.runChecked(args);
  }

  /** Creates the Deployments through orca-1's API and waits until every one is available. */
  public void createDeployments(Duration timeout) throws Exception {
    String api = apiOf("orca-1");
    for (int i = 1; i <= DEPLOYMENTS; i++) {
      send(api, "POST", "/apis/apps/v1/namespaces/default/deployments", deployment("app-" + i), 201);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!problems(snapshot(api), Set.of()).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Deployments not available after " + timeout + ": "
            + problems(snapshot(api), Set.of()));
      }
      TimeUnit.MILLISECONDS.sleep(SAMPLE.toMillis()); // polling a remote cluster, at the sampling rate
    }
    log.accept("20 Deployments × " + REPLICAS + " available");
  }

  private static String deployment(String name) {
    return """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%1$s"},
         "spec":{"replicas":%2$d,"selector":{"matchLabels":{"app":"%1$s"}},
          "template":{"metadata":{"labels":{"app":"%1$s"}},
           "spec":{"tolerations":[{"key":"orca.dev/simulated","operator":"Exists"}],
            "containers":[{"name":"main","image":"busybox","command":["sleep","3600"],
             "resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}}}
        """.formatted(name, REPLICAS);
  }

  // ---- one trial

  /** Kills one member, times the recovery, restarts it; leaves the cluster whole again. */
  public Trial trial(Victim kind, Duration timeout) throws Exception {
    JsonNode members = Json.mapper().readTree(cluster("status", "--data-dir", files.dataDir().toString(), "-o", "json"))
        .path("members");
    String oldest = oldest();
    String victim = null;
    int victimShards = -1;
    for (JsonNode m : members) {
      String name = m.path("name").asText();
      if (!m.path("status").asText().equals("Up") || !m.path("shards").isInt()) {
        throw new IllegalStateException("not every member is Up with shards: " + members);
      }
      boolean candidate = kind == Victim.OLDEST ? name.equals(oldest) : !name.equals(oldest);
      if (candidate && m.path("shards").asInt() > victimShards) {
        victim = name;
        victimShards = m.path("shards").asInt();
      }
    }
    String survivorApi = null;
    String survivor = null;
    for (JsonNode m : members) {
      if (!m.path("name").asText().equals(victim)) {
        survivorApi = m.path("api").asText();
        survivor = m.path("name").asText();
        break;
      }
    }
    String nodePrefix = victim + "-sim-";
    Snapshot before = snapshot(survivorApi);
    if (!problems(before, Set.of()).isEmpty()) {
      throw new IllegalStateException("not settled before the kill: " + problems(before, Set.of()));
    }
    // every object acknowledged before the kill, but the pods that ran on the victim's nodes
    Map<String, String> acknowledged = new TreeMap<>(before.objects());
    Set<String> victimPods = new HashSet<>();
    before.pods().forEach(p -> {
      if (p.node().startsWith(nodePrefix)) {
        victimPods.add(p.name());
        acknowledged.remove("Pod/" + p.name());
      }
    });
    log.accept("killing " + victim + " (" + kind + ", " + victimShards + " shards, oldest " + oldest + ", "
        + victimPods.size() + " pods on its nodes)");

    FailoverTimeline timeline = new FailoverTimeline(victimPods, before.available().keySet(), REPLICAS);
    Sampler sampler = new Sampler(survivorApi, files.member(survivor).orElseThrow().managementUrl(),
        files.member(victim).orElseThrow().address(), nodePrefix, victimPods, timeline);
    double notReady = -1;
    double recovered;
    try {
      java.time.Instant killedAt = java.time.Instant.now();
      double loadAtKill = loadAverage();
      cluster("kill", victim, "--data-dir", files.dataDir().toString());
      sampler.start();
      log.accept("  killed at " + killedAt + ", 1-minute load average " + loadAtKill);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Snapshot now = sampler.await(deadline);
        if (notReady < 0 && now.nodesNotReady(nodePrefix)) {
          notReady = now.at();
        }
        if (problems(now, victimPods).isEmpty() && notReady >= 0) {
          recovered = now.at();
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not recovered " + timeout + " after killing " + victim + ": "
              + problems(now, victimPods));
        }
      }
      Snapshot after = sampler.latest();
      List<String> missing = new ArrayList<>();
      acknowledged.forEach((key, uid) -> {
        if (!uid.equals(after.objects().get(key))) {
          missing.add(key + " (uid " + uid + " -> " + after.objects().get(key) + ")");
        }
      });
      List<String> notReplaced = new ArrayList<>();
      for (Map.Entry<String, Integer> e : after.active().entrySet()) {
        if (e.getValue() != REPLICAS) {
          notReplaced.add(e.getKey() + ": " + e.getValue() + " active");
        }
      }
      after.pods().stream().filter(p -> p.active() && (p.node().startsWith(nodePrefix) || victimPods.contains(p.name())))
          .forEach(p -> notReplaced.add(p.name() + " still active on " + p.node()));
      int overBeforeRestart = sampler.maxOverDesired();
      log.accept(String.format(Locale.ROOT, "  %s: nodes NotReady at %.1f s, all Deployments exact and available at %.1f s",
          victim, notReady, recovered));
      log.accept("  timeline: " + timeline.seen());

      long restart = System.nanoTime();
      cluster("restart", victim, "--data-dir", files.dataDir().toString(), "--timeout", Long.toString(timeout.toSeconds()));
      double rejoined = (System.nanoTime() - restart) / 1e9;
      double readyAgain;
      while (true) {
        Snapshot now = sampler.await(deadline + (System.nanoTime() - restart));
        if (!now.nodesNotReady(nodePrefix) && now.nodesReady(nodePrefix) && problems(now, victimPods).isEmpty()) {
          readyAgain = (System.nanoTime() - restart) / 1e9;
          break;
        }
        if (System.nanoTime() - restart > timeout.toNanos()) {
          throw new IllegalStateException(victim + "'s nodes not Ready " + timeout + " after its restart");
        }
      }
      // a few more samples with the member back: its agents resync with the pods bound to their nodes
      long settle = System.nanoTime() + Duration.ofSeconds(12).toNanos();
      while (System.nanoTime() < settle) {
        sampler.await(settle + Duration.ofSeconds(5).toNanos());
      }
      int overAfter = sampler.maxOverDesired();
      log.accept(String.format(Locale.ROOT, "  %s: rejoined in %.1f s, its nodes Ready %.1f s after the restart",
          victim, rejoined, readyAgain));
      return new Trial(kind, victim, victimShards, notReady, recovered, overBeforeRestart, missing, victimPods.size(),
          notReplaced, rejoined, readyAgain, overAfter, timeline, loadAtKill);
    } finally {
      sampler.stop();
    }
  }

  /** The machine's 1-minute load average (/proc/loadavg), or -1 where there is none. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (Exception e) {
      return -1;
    }
  }

  /** The oldest control member's name, from Pekko Management ({@code oldestPerRole.control}). */
  public String oldest() throws Exception {
    for (MemberSpec m : files.members()) {
      try {
        JsonNode members = Json.mapper().readTree(get(m.managementUrl() + "/cluster/members"));
        String address = members.path("oldestPerRole").path("control").asText(members.path("oldest").asText());
        for (MemberSpec candidate : files.members()) {
          if (candidate.address().equals(address)) {
            return candidate.name();
          }
        }
      } catch (java.io.IOException e) {
        // not running: ask the next
      }
    }
    throw new IllegalStateException("no member answers /cluster/members");
  }

  private String apiOf(String member) {
    return files.member(member).orElseThrow().apiUrl();
  }

  // ---- observing

  /** One pod as the bench sees it. */
  record PodView(String name, String uid, String app, String node, boolean active, boolean running) {}

  /** One sample of the cluster through a survivor's API; {@code at} in seconds after the kill. */
  record Snapshot(double at, List<PodView> pods, Map<String, String> objects, Map<String, Integer> available,
      Map<String, Boolean> nodeReady, Map<String, Integer> replicaSetsAvailable) {
    /** Active (not terminal, not deleting) pods per Deployment. */
    Map<String, Integer> active() {
      Map<String, Integer> counts = new TreeMap<>();
      available.keySet().forEach(d -> counts.put(d, 0));
      pods.stream().filter(PodView::active).forEach(p -> counts.merge(p.app(), 1, Integer::sum));
      return counts;
    }

    boolean nodesNotReady(String prefix) {
      List<Boolean> states = nodeReady.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
          .map(Map.Entry::getValue).toList();
      return !states.isEmpty() && states.stream().noneMatch(r -> r);
    }

    boolean nodesReady(String prefix) {
      List<Boolean> states = nodeReady.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
          .map(Map.Entry::getValue).toList();
      return !states.isEmpty() && states.stream().allMatch(r -> r);
    }
  }

  /**
   * Why the cluster is not yet recovered, as {@code member}'s API shows it: every Deployment
   * available with exactly its replicas, in running pods (empty when it is).
   */
  public List<String> problems(String member) throws Exception {
    return problems(snapshot(apiOf(member)), Set.of());
  }

  /** Why the cluster is not yet recovered; empty when every Deployment is exact, available and off the old pods. */
  static List<String> problems(Snapshot s, Set<String> lostPods) {
    List<String> problems = new ArrayList<>();
    if (s.available().size() < DEPLOYMENTS) {
      problems.add(s.available().size() + " Deployments");
    }
    s.available().forEach((d, available) -> {
      if (available != REPLICAS) {
        problems.add(d + " available " + available);
      }
    });
    s.active().forEach((d, active) -> {
      if (active != REPLICAS) {
        problems.add(d + " active pods " + active);
      }
    });
    s.pods().stream().filter(p -> p.active() && (!p.running() || lostPods.contains(p.name())))
        .forEach(p -> problems.add(p.name() + (p.running() ? " still counted" : " not running") + " on " + p.node()));
    return problems;
  }

  Snapshot snapshot(String api) throws Exception {
    return snapshot(api, System.nanoTime());
  }

  private Snapshot snapshot(String api, long since) throws Exception {
    Map<String, String> objects = new TreeMap<>();
    Map<String, Integer> available = new TreeMap<>();
    for (JsonNode d : Json.mapper().readTree(get(api + "/apis/apps/v1/namespaces/default/deployments")).path("items")) {
      objects.put("Deployment/" + d.path("metadata").path("name").asText(), d.path("metadata").path("uid").asText());
      available.put(d.path("metadata").path("name").asText(), d.path("status").path("availableReplicas").asInt(0));
    }
    Map<String, Integer> replicaSetsAvailable = new TreeMap<>();
    for (JsonNode r : Json.mapper().readTree(get(api + "/apis/apps/v1/namespaces/default/replicasets")).path("items")) {
      objects.put("ReplicaSet/" + r.path("metadata").path("name").asText(), r.path("metadata").path("uid").asText());
      for (JsonNode owner : r.path("metadata").path("ownerReferences")) {
        replicaSetsAvailable.merge(owner.path("name").asText(), r.path("status").path("availableReplicas").asInt(0), Integer::sum);
      }
    }
    Map<String, Boolean> nodeReady = new TreeMap<>();
    for (JsonNode n : Json.mapper().readTree(get(api + "/api/v1/nodes")).path("items")) {
      objects.put("Node/" + n.path("metadata").path("name").asText(), n.path("metadata").path("uid").asText());
      boolean ready = false;
      for (JsonNode c : n.path("status").path("conditions")) {
        ready |= c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True");
      }
      nodeReady.put(n.path("metadata").path("name").asText(), ready);
    }
    List<PodView> pods = new ArrayList<>();
    for (JsonNode p : Json.mapper().readTree(get(api + "/api/v1/namespaces/default/pods")).path("items")) {
      String phase = p.path("status").path("phase").asText();
      boolean terminal = phase.equals("Failed") || phase.equals("Succeeded");
      boolean active = !terminal && p.path("metadata").path("deletionTimestamp").isMissingNode();
      boolean ready = false;
      for (JsonNode c : p.path("status").path("conditions")) {
        ready |= c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True");
      }
      String name = p.path("metadata").path("name").asText();
      pods.add(new PodView(name, p.path("metadata").path("uid").asText(), p.path("metadata").path("labels").path("app").asText(),
          p.path("spec").path("nodeName").asText(""), active, phase.equals("Running") && ready));
      objects.put("Pod/" + name, p.path("metadata").path("uid").asText());
    }
    return new Snapshot((System.nanoTime() - since) / 1e9, pods, objects, available, nodeReady, replicaSetsAvailable);
  }

  /** Samples the pods every 200 ms on its own thread; remembers the largest excess over desired. */
  private final class Sampler {
    private final String api;
    private final String management;
    private final String victimAddress;
    private final String nodePrefix;
    private final Set<String> victimPods;
    private final FailoverTimeline timeline;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "failover-sampler");
      t.setDaemon(true);
      return t;
    });
    private final java.util.concurrent.LinkedBlockingQueue<Snapshot> fresh = new java.util.concurrent.LinkedBlockingQueue<>();
    private volatile Snapshot latest;
    private volatile int maxOverDesired;
    private final Map<String, Integer> worst = new HashMap<>();
    private long since;

    Sampler(String api, String management, String victimAddress, String nodePrefix, Set<String> victimPods,
        FailoverTimeline timeline) {
      this.api = api;
      this.management = management;
      this.victimAddress = victimAddress;
      this.nodePrefix = nodePrefix;
      this.victimPods = victimPods;
      this.timeline = timeline;
    }

    /** The victim as the survivor's Pekko Management shows it. */
    private FailoverTimeline.MemberState victimState() {
      try {
        JsonNode members = Json.mapper().readTree(get(management + "/cluster/members"));
        for (JsonNode u : members.path("unreachable")) {
          if (u.path("node").asText().equals(victimAddress)) {
            for (JsonNode m : members.path("members")) {
              if (m.path("node").asText().equals(victimAddress) && m.path("status").asText().equals("Down")) {
                return FailoverTimeline.MemberState.DOWN;
              }
            }
            return FailoverTimeline.MemberState.UNREACHABLE;
          }
        }
        for (JsonNode m : members.path("members")) {
          if (m.path("node").asText().equals(victimAddress)) {
            return m.path("status").asText().equals("Down") ? FailoverTimeline.MemberState.DOWN
                : FailoverTimeline.MemberState.UP;
          }
        }
        return FailoverTimeline.MemberState.GONE;
      } catch (Exception e) {
        return FailoverTimeline.MemberState.UNKNOWN;
      }
    }

    void start() {
      since = System.nanoTime();
      timer.scheduleWithFixedDelay(this::sample, 0, SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
      try {
        FailoverTimeline.MemberState victim = victimState();
        Snapshot s = snapshot(api, since);
        timeline.observe(new FailoverTimeline.Sample(s.at(), victim, s.nodesNotReady(nodePrefix),
            s.pods().stream().map(p -> new FailoverTimeline.Pod(p.name(), p.app(), p.node(), p.active(), p.running())).toList(),
            s.replicaSetsAvailable(), problems(s, victimPods).isEmpty()));
        s.active().forEach((d, n) -> {
          if (n > REPLICAS) {
            worst.merge(d, n - REPLICAS, Math::max);
            maxOverDesired = Math.max(maxOverDesired, n - REPLICAS);
            log.accept(String.format(Locale.ROOT, "  %.1f s: %s has %d active pods (desired %d)", s.at(), d, n, REPLICAS));
          }
        });
        latest = s;
        fresh.add(s);
      } catch (Exception e) {
        // the API under failover may not answer one sample; the next one counts
      }
    }

    /** The next sample, or an error when none comes before the deadline. */
    Snapshot await(long deadline) throws InterruptedException {
      Snapshot s = fresh.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (s == null) {
        throw new IllegalStateException("no answer from " + api + " before the deadline");
      }
      fresh.clear();
      return s;
    }

    Snapshot latest() {
      return latest;
    }

    int maxOverDesired() {
      return maxOverDesired;
    }

    void stop() {
      timer.shutdownNow();
    }
  }

  // ---- HTTP

  private String get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new java.io.IOException("GET " + url + " -> " + r.statusCode());
    }
    return r.body();
  }

  private void send(String api, String method, String path, String body, int expected) throws Exception {
    ApiCall.expect(http, api, method, path, body, code -> code == expected);
  }

  // ---- report

  static Path write(Path dir, List<Trial> trials, String commandLine) throws Exception {
    Files.createDirectories(dir);
    String base = "failover-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
    StringBuilder md = new StringBuilder("# Failover: kill -9 of one of three members\n\n");
    md.append("Command: `").append(commandLine).append("`\n\n");
    md.append("3 members (control, api, worker), 2 simulated nodes each, PostgreSQL journal; ").append(DEPLOYMENTS)
        .append(" Deployments × ").append(REPLICAS).append(" replicas. Recovered = seconds from the kill until every ")
        .append("Deployment is available with exactly its desired replicas and no pod of the dead member's nodes counts; ")
        .append("pods sampled every 200 ms through a survivor's API. Load: the machine's 1-minute load average at each ")
        .append("kill (timeline table), ").append(String.format(Locale.ROOT, "%.1f", trials.stream()
            .mapToDouble(Trial::loadAtKill).min().orElse(-1))).append(" to ").append(String.format(Locale.ROOT, "%.1f",
            trials.stream().mapToDouble(Trial::loadAtKill).max().orElse(-1))).append(".\n\n");
    md.append("| victim kind | recovered min / median / max (s) | nodes NotReady median (s) |\n| --- | --- | --- |\n");
    for (Victim kind : Victim.values()) {
      List<Double> r = trials.stream().filter(t -> t.kind() == kind).map(Trial::recovered).sorted().toList();
      List<Double> n = trials.stream().filter(t -> t.kind() == kind).map(Trial::nodesNotReady).sorted().toList();
      if (!r.isEmpty()) {
        md.append(String.format(Locale.ROOT, "| %s | %.1f / %.1f / %.1f | %.1f |%n", kind, r.get(0), median(r),
            r.get(r.size() - 1), median(n)));
      }
    }
    md.append("\n| # | kind | victim | shards | pods on its nodes | nodes NotReady (s) | recovered (s) | max over desired | ")
        .append("missing objects | not replaced | rejoined (s) | its nodes Ready (s after restart) | over desired after restart |\n")
        .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    int i = 1;
    for (Trial t : trials) {
      md.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %d | %.1f | %.1f | %d | %s | %s | %.1f | %.1f | %d |%n", i++,
          t.kind(), t.victim(), t.victimShards(), t.podsOnVictim(), t.nodesNotReady(), t.recovered(), t.maxOverDesired(),
          t.missing().isEmpty() ? "none" : String.join(", ", t.missing()),
          t.notReplaced().isEmpty() ? "none" : String.join(", ", t.notReplaced()), t.rejoined(), t.nodesReadyAgain(),
          t.maxOverDesiredAfterRestart()));
    }
    md.append("\n## Timeline\n\nSeconds after the kill at which the bench first saw each stage (sampling every 200 ms: ")
        .append("the victim's state in a survivor's `/cluster/members`, the rest through that survivor's API). ")
        .append("created/bound/running: every Deployment has its replicas in active pods off the victim's nodes, ")
        .append("all of them bound, all Running and Ready.\n\n");
    StringBuilder head = new StringBuilder("| # | kind | load |");
    StringBuilder rule = new StringBuilder("| --- | --- | --- |");
    for (FailoverTimeline.Stage st : FailoverTimeline.Stage.values()) {
      head.append(' ').append(st.label()).append(" |");
      rule.append(" --- |");
    }
    md.append(head).append('\n').append(rule).append('\n');
    for (Victim kind : Victim.values()) {
      List<Trial> of = trials.stream().filter(t -> t.kind() == kind).toList();
      if (of.isEmpty()) {
        continue;
      }
      md.append("| median | ").append(kind).append(" | |");
      for (FailoverTimeline.Stage st : FailoverTimeline.Stage.values()) {
        List<Double> v = of.stream().map(t -> t.timeline().at(st)).filter(x -> x >= 0).sorted().toList();
        md.append(v.isEmpty() ? " – |" : String.format(Locale.ROOT, " %.1f |", median(v)));
      }
      md.append('\n');
    }
    i = 1;
    for (Trial t : trials) {
      md.append("| ").append(i++).append(" | ").append(t.kind()).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", t.loadAtKill())).append(" | ")
          .append(String.join(" | ", t.timeline().cells())).append(" |\n");
    }
    Path report = dir.resolve(base + ".md");
    Files.writeString(report, md.toString());
    return report;
  }

  static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
