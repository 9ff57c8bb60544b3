package dev.orca;

import dev.orca.boot.Orca;
import dev.orca.boot.OrcaSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line: {@code orca up ...} and {@code orca bench ...}; {@code orca help} lists the flags. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    AsyncPool.configure();
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      usage();
      return;
    }
    switch (args[0]) {
      case "up" -> up(args);
      case "bench" -> bench(args);
      case "db" -> System.exit(dev.orca.db.DbCommand.run(args));
      case "cluster" -> System.exit(dev.orca.cluster.ClusterCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
          System.out, System.err));
      case "chaos" -> System.exit(dev.orca.chaos.ChaosCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
          System.out, System.err));
      default -> {
        System.err.println("orca: unknown command '" + args[0] + "'");
        usage();
        System.exit(2);
      }
    }
  }

  /** The taint `up` puts on simulated nodes when the process node runs too: pods land on them only by choice. */
  static final String SIMULATED_TAINT = "orca.dev/simulated=true:NoSchedule";

  private static void up(String[] args) throws Exception {
    OrcaSettings settings = OrcaSettings.defaults().withWorkerNodes(0).with("orca.process-node.enabled", true);
    String member = flagValue(args, "--member");
    if (member != null) {
      // a cluster member: its file (DATA_DIR/members/NAME.conf) first, the other flags over it
      String dataDir = flagValue(args, "--data-dir");
      settings = OrcaSettings.member(Path.of(dataDir == null ? settings.dataDir().toString() : dataDir), member);
    }
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--process-node")) {
        settings = settings.with("orca.process-node.enabled", true);
        continue;
      }
      if (flag.equals("--no-process-node")) {
        settings = settings.with("orca.process-node.enabled", false);
        continue;
      }
      if (flag.equals("--rejoin")) {
        settings = settings.rejoining();
        continue;
      }
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        System.err.println("orca up: " + flag + " needs a value");
        System.exit(2);
      }
      switch (flag) {
        case "--port" -> settings = settings.withPort(Integer.parseInt(value));
        case "--data-dir" -> settings = member == null ? settings.withDataDir(Path.of(value)) : settings;
        case "--member" -> { }
        case "--roles" -> settings = settings.withRoles(java.util.Arrays.stream(value.split(","))
            .map(String::trim).filter(r -> !r.isEmpty()).toList());
        case "--nodes", "--simulated-nodes" -> settings = settings.withWorkerNodes(Integer.parseInt(value));
        case "--set" -> settings = settings.withSet(value);
        default -> {
          System.err.println("orca up: unknown flag " + flag);
          System.exit(2);
        }
      }
      i++;
    }
    if (settings.config().getBoolean("orca.process-node.enabled") && settings.simulatedNodes() > 0
        && !settings.overrides().containsKey("orca.simulated-node.taint")) {
      settings = settings.with("orca.simulated-node.taint", SIMULATED_TAINT);
    }
    Orca orca = Orca.start(settings);
    if (orca.port() > 0) {
      System.out.println("Orca is up: kubectl --server http://" + settings.host() + ":" + orca.port() + " get nodes");
    } else {
      System.out.println("Orca is up with roles " + settings.roles() + " (no API: role api not given)");
    }
    orca.system().getWhenTerminated().toCompletableFuture().get(Long.MAX_VALUE, TimeUnit.DAYS);
  }

  /** The value after {@code flag} in {@code args}, or null. */
  private static String flagValue(String[] args, String flag) {
    for (int i = 1; i + 1 < args.length; i++) {
      if (args[i].equals(flag)) {
        return args[i + 1];
      }
    }
    return null;
  }

  private static void bench(String[] args) throws Exception {
    if (args.length >= 2 && args[1].equals("failover")) {
      failoverBench(args);
      return;
    }
    if (args.length >= 2 && args[1].equals("chaos")) {
      chaosBench(args);
      return;
    }
    if (args.length >= 2 && args[1].equals("scale")) {
      System.exit(dev.orca.bench.scale.ScaleBench.main(args));
    }
    if (args.length >= 2 && args[1].equals("rollout")) {
      rolloutBench(args);
      return;
    }
    if (args.length < 2 || !args[1].equals("deploy")) {
      System.err.println("orca bench: the benchmarks are: deploy, rollout, failover, chaos, scale, jmh");
      System.exit(2);
    }
    int replicas = 1000;
    int nodes = 50;
    long timeout = 600;
    Path out = Path.of("bench/results");
    List<String> sets = new ArrayList<>();
    for (int i = 2; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--set" -> sets.add(args[i + 1]);
        case "--replicas" -> replicas = Integer.parseInt(args[i + 1]);
        case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
        case "--timeout" -> timeout = Long.parseLong(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> {
          System.err.println("orca bench deploy: unknown flag " + args[i]);
          System.exit(2);
        }
      }
    }
    dev.orca.bench.DeployBench.run(replicas, nodes, out, timeout, sets);
    System.exit(0);
  }

  private static void failoverBench(String[] args) throws Exception {
    int runs = 3;
    long timeout = 120;
    Path out = Path.of("bench/results");
    Path dataDir = Path.of("data/bench-failover");
    java.util.List<String> up = new java.util.ArrayList<>();
    for (int i = 2; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--timeout" -> timeout = Long.parseLong(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        case "--data-dir" -> dataDir = Path.of(args[i + 1]);
        case "--postgres-port", "--set", "--api-port", "--remoting-port", "--management-port" -> up.addAll(
            java.util.List.of(args[i], args[i + 1]));
        default -> {
          System.err.println("orca bench failover: unknown flag " + args[i]);
          System.exit(2);
        }
      }
    }
    dev.orca.bench.FailoverBench.main(dataDir, up, runs, out, java.time.Duration.ofSeconds(timeout),
        "bin/orca " + String.join(" ", args));
    System.exit(0);
  }

  private static void chaosBench(String[] args) throws Exception {
    Path scenario = null;
    java.util.List<String> only = new java.util.ArrayList<>();
    Path dataDir = Path.of("data/bench-chaos");
    Path out = Path.of("bench/results");
    for (int i = 2; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        System.err.println("orca bench chaos: " + args[i] + " needs a value");
        System.exit(2);
      }
      switch (args[i]) {
        case "--scenario" -> scenario = Path.of(args[i + 1]);
        case "--only" -> only.addAll(java.util.Arrays.asList(args[i + 1].split(",")));
        case "--data-dir" -> dataDir = Path.of(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> {
          System.err.println("orca bench chaos: unknown flag " + args[i]);
          System.exit(2);
        }
      }
    }
    if (scenario == null) {
      System.err.println("orca bench chaos: --scenario FILE is required (see bench/scenarios)");
      System.exit(2);
    }
    System.exit(dev.orca.chaos.run.ChaosBench.main(scenario, only, dataDir, out, "bin/orca " + String.join(" ", args),
        System.out::println));
  }

  private static void rolloutBench(String[] args) throws Exception {
    int rate = 50;
    int rollouts = 3;
    long timeout = 300;
    Path out = Path.of("bench/results");
    Path manifest = Path.of("k8s-manifests/web.yaml");
    for (int i = 2; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--rate" -> rate = Integer.parseInt(args[i + 1]);
        case "--rollouts" -> rollouts = Integer.parseInt(args[i + 1]);
        case "--timeout" -> timeout = Long.parseLong(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        case "--manifest" -> manifest = Path.of(args[i + 1]);
        default -> {
          System.err.println("orca bench rollout: unknown flag " + args[i]);
          System.exit(2);
        }
      }
    }
    dev.orca.bench.RolloutBench.main(manifest, rate, rollouts, out, timeout);
  }

  private static void usage() {
    System.out.println("""
        usage: orca up [--port 8080] [--data-dir ./data] [--simulated-nodes 0] [--no-process-node]
                       [--roles control,api,worker] [--member NAME] [--set config.path=value]
          Starts one Orca node with every role: the API on 127.0.0.1, the journal on H2 under the
          data directory, and a process node ("local") that runs pods' commands as real processes
          on this machine. --simulated-nodes N adds N simulated nodes, tainted
          orca.dev/simulated=true:NoSchedule so only pods that tolerate it land there (untainted
          with --no-process-node). Ctrl-C shuts it down cleanly. --roles picks what this JVM hosts
          (control: entities and singletons; api: the HTTP API; worker: node agents). --member NAME
          starts cluster member NAME from DATA_DIR/members/NAME.conf (written by orca cluster up).
        usage: orca db up|down|status [--data-dir ./data] [--port 5433]
          A private PostgreSQL for the journal in DATA_DIR/pg on 127.0.0.1 (installed with apt-get
          when missing), with role and database orca and the journal schema. Orca uses it with
          --set orca.journal.kind=postgres. status: running or not, port, journal events.
        usage: orca cluster up --nodes 3 [--roles control,api,worker] [--data-dir ./data/cluster]
                               [--simulated-nodes 1] [--postgres-port P] [--set config.path=value]
               orca cluster status [-o json] | down | kill|pause|resume|restart MEMBER  [--data-dir DIR]
          Runs a cluster of N member JVMs on 127.0.0.1 sharing a PostgreSQL journal (the one found
          running under the data directory, e.g. bin/orca db up, or --postgres-port); see
          docs/OPERATIONS.md.
        usage: orca chaos kill MEMBER [--for 30s] | pause MEMBER --for 10s | pause-db --for 10s
                          | partition MEMBER [--from orca-1,orca-2] --for 10s
                          | inject MEMBER --kind KIND --target TARGET [--for 10s] | list MEMBER  [--data-dir DIR]
               orca chaos plan --scenario bench/scenarios/kill-jvm.yaml
          Fault injection on a cluster from orca cluster up (started with --set orca.chaos.enabled=on for
          the faults inside members). kill: kill -9, restarted after --for; pause: SIGSTOP, SIGCONT after
          --for; pause-db: the journal's PostgreSQL frozen; partition: all traffic between MEMBER and the
          others dropped both ways; inject: delete-pod, crash-container, stop-heartbeats, kill-node-agent
          through MEMBER's /chaos/v1; plan: the timeline a scenario lays out. See docs/OPERATIONS.md.
        usage: orca bench deploy [--replicas 1000] [--nodes 50] [--out bench/results] [--timeout 600]
          Times one Deployment from POST to all pods Running on simulated nodes; writes a report.
        usage: orca bench rollout [--rate 50] [--rollouts 3] [--manifest k8s-manifests/web.yaml] [--out bench/results] [--timeout 300]
          Rolls the web Deployment (real processes) while requests flow through its Service; counts
          failed requests; writes a report.
        usage: orca bench chaos --scenario bench/scenarios/kill-jvm.yaml [--only orca,pekko-defaults,kubernetes]
                                [--data-dir data/bench-chaos] [--out bench/results]
          Runs a chaos scenario under each of its configurations (Orca's settings, stock Pekko's failure
          settings, Kubernetes' node timings): PostgreSQL and a cluster of its own each, the workload, a
          writer logging every acknowledged write, a probe, the faults on schedule; then checks for lost
          or resurrected writes, two writers of one entity, processes left behind; writes JSON, Markdown
          and SVG plots. Exit 0 only when every run recovered and every check is clean.
        usage: orca bench failover [--runs 3] [--data-dir data/bench-failover] [--postgres-port P] [--set path=value]
                                   [--out bench/results] [--timeout 120]
          Starts 3 cluster members (2 simulated nodes each) with 20 Deployments, then per run kills -9
          the member with the most shards and the oldest one, timing until every Deployment is exact
          and available again, and restarts it; writes a report.
        """ + dev.orca.bench.scale.ScaleOptions.USAGE.stripTrailing());
  }
}
