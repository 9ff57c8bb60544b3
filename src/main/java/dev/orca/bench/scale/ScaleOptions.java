package dev.orca.bench.scale;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code orca bench scale} runs: one or more sizes (nodes × pods, each a fresh control plane),
 * how the pods are made (bare Pods at {@code rate} a second, 0 for as fast as the API takes them
 * with {@code concurrency} in flight, or {@code deployments} Deployments sharing them), the
 * control plane ({@code members} JVMs, journal {@code h2} or {@code postgres}, heap), the start-up
 * latency probe (pods at {@code probeRate} a second for {@code probeFor}), the API phase
 * ({@code backgroundWrites} a second for {@code apiFor}, after {@code apiWarmup} of the same load
 * not counted) and whether to time a full restart.
 */
public record ScaleOptions(List<Size> sizes, int rate, int concurrency, int deployments, int members, String journal,
    String heap, Duration containerStart, int probeRate, Duration probeFor, int backgroundWrites, Duration apiFor,
    Duration apiWarmup, boolean restart, boolean profile, Path dataDir, Path out, Path jsonOut, Duration timeout, List<String> sets) {

  /** One size: simulated nodes and pods. */
  public record Size(int nodes, int pods) {
    public static Size parse(String text) {
      String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
      if (parts.length != 2) {
        throw new IllegalArgumentException("a size is NODESxPODS, e.g. 5000x150000, not " + text);
      }
      return new Size(count(parts[0]), count(parts[1]));
    }

    private static int count(String s) {
      s = s.trim();
      int mult = s.endsWith("k") ? 1000 : 1;
      return Integer.parseInt(mult == 1 ? s : s.substring(0, s.length() - 1)) * mult;
    }

    @Override
    public String toString() {
      return nodes + "x" + pods;
    }
  }

  public static final String USAGE = """
      usage: orca bench scale [--sizes 5000x150000[,NODESxPODS...]] [--rate 0] [--concurrency 64]
                              [--deployments 0] [--members 1] [--journal h2|postgres] [--heap 8g]
                              [--container-start 1s] [--probe-rate 100] [--probe-for 30s]
                              [--background-writes 500] [--api-for 30s] [--api-warmup 20s]
                              [--no-restart] [--profile]
                              [--data-dir data/bench-scale] [--out bench/results] [--json FILE]
                              [--timeout 30m] [--set path=value]
        Starts a control plane per size (one JVM on H2, or MEMBERS JVMs on a private PostgreSQL) with
        NODES simulated nodes, creates PODS pods through the API (bare Pods at --rate a second, 0 = as
        fast as --concurrency requests in flight allow; or --deployments Deployments) and follows them
        through a watch: scheduling throughput (sustained, peak), pod start-up latency (create to
        Running and Ready, minus --container-start, the simulated container's own start), then start-up
        latency at --probe-rate pods/s, API latency per verb under --background-writes writes/s (the
        first --api-warmup of that load warms the JVM and is not counted), heap and CPU at rest, bytes
        per pod, and the time to recover everything after a full restart.
        --profile records the control plane with Java Flight Recorder during the fill and the API phase
        and reports where its CPU and heap go. Writes JSON (--json, or bench/results/scale-DATE.json),
        Markdown and SVG plots. The control plane's JVM options besides -Xmx: ORCA_BENCH_JAVA_OPTS
        (default: G1 with a young generation of at least 20 % of the heap and string deduplication;
        docs/OPERATIONS.md says why).
      """;

  public static ScaleOptions parse(String[] args) {
    List<Size> sizes = List.of(new Size(5000, 150_000));
    int rate = 0;
    int concurrency = 64;
    int deployments = 0;
    int members = 1;
    String journal = "h2";
    String heap = "8g";
    Duration containerStart = Duration.ofSeconds(1);
    int probeRate = 100;
    Duration probeFor = Duration.ofSeconds(30);
    int background = 500;
    Duration apiFor = Duration.ofSeconds(30);
    Duration apiWarmup = Duration.ofSeconds(20);
    boolean restart = true;
    boolean profile = false;
    Path dataDir = Path.of("data/bench-scale");
    Path out = Path.of("bench/results");
    Path json = null;
    Duration timeout = Duration.ofMinutes(30);
    List<String> sets = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--no-restart")) {
        restart = false;
        continue;
      }
      if (flag.equals("--profile")) {
        profile = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String v = args[++i];
      switch (flag) {
        case "--sizes" -> sizes = java.util.Arrays.stream(v.split(",")).map(Size::parse).toList();
        case "--rate" -> rate = Integer.parseInt(v);
        case "--concurrency" -> concurrency = Integer.parseInt(v);
        case "--deployments" -> deployments = Integer.parseInt(v);
        case "--members" -> members = Integer.parseInt(v);
        case "--journal" -> journal = v;
        case "--heap" -> heap = v;
        case "--container-start" -> containerStart = dev.orca.chaos.Durations.parse(v);
        case "--probe-rate" -> probeRate = Integer.parseInt(v);
        case "--probe-for" -> probeFor = dev.orca.chaos.Durations.parse(v);
        case "--background-writes" -> background = Integer.parseInt(v);
        case "--api-for" -> apiFor = dev.orca.chaos.Durations.parse(v);
        case "--api-warmup" -> apiWarmup = dev.orca.chaos.Durations.parse(v);
        case "--data-dir" -> dataDir = Path.of(v);
        case "--out" -> out = Path.of(v);
        case "--json" -> json = Path.of(v);
        case "--timeout" -> timeout = dev.orca.chaos.Durations.parse(v);
        case "--set" -> sets.add(v);
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    if (!journal.equals("h2") && !journal.equals("postgres")) {
      throw new IllegalArgumentException("--journal is h2 or postgres, not " + journal);
    }
    if (journal.equals("h2") && members != 1) {
      throw new IllegalArgumentException("several members share a PostgreSQL journal: add --journal postgres");
    }
    return new ScaleOptions(sizes, rate, Math.max(1, concurrency), deployments, members, journal, heap, containerStart,
        probeRate, probeFor, background, apiFor, apiWarmup, restart, profile, dataDir, out, json, timeout, List.copyOf(sets));
  }
}
