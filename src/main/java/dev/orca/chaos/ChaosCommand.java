package dev.orca.chaos;

import dev.orca.chaos.scenario.Scenario;
import dev.orca.chaos.scenario.ScenarioReader;
import dev.orca.chaos.scenario.Timeline;
import dev.orca.chaos.scenario.TimelineEvent;
import dev.orca.cluster.ClusterCommand;
import dev.orca.cluster.MemberFiles;
import dev.orca.cluster.MemberSpec;
import dev.orca.cluster.Postgres;
import dev.orca.cluster.Signals;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code orca chaos kill|pause|pause-db|partition|inject|list|plan}: faults on a local cluster that
 * {@code orca cluster up} started in DATA_DIR. Process faults act on the member's JVM (its pid in
 * the member files) or the journal's PostgreSQL (its postmaster.pid under DATA_DIR) and this command
 * waits out the fault, then undoes it (SIGCONT, a restart); an interrupted wait undoes it too.
 * Faults inside a member go through its {@code /chaos/v1} endpoint, and the member heals them itself.
 */
public final class ChaosCommand {
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  private final PrintStream out;
  private final PrintStream err;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ChaosCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs one subcommand; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      return new ChaosCommand(out, err).dispatch(args);
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("orca chaos: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("orca chaos: " + e);
      return 1;
    }
  }

  private int dispatch(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("say kill, pause, pause-db, partition, inject, list or plan (orca help)");
    }
    ClusterCommand.Flags flags = ClusterCommand.Flags.parse(Arrays.copyOfRange(args, 1, args.length));
    MemberFiles files = new MemberFiles(Path.of(flags.get("--data-dir", "./data/cluster")));
    return switch (args[0]) {
      case "kill" -> kill(files, flags);
      case "pause" -> pause(files, flags);
      case "pause-db" -> pauseDb(files, flags);
      case "partition" -> partition(files, flags);
      case "inject" -> inject(files, flags);
      case "list" -> list(files, flags);
      case "plan" -> plan(flags);
      default -> throw new IllegalArgumentException("unknown subcommand '" + args[0] + "'");
    };
  }

  // ---- process faults

  /** kill -9; with --for D, restarts the member D later (orca cluster restart). */
  private int kill(MemberFiles files, ClusterCommand.Flags flags) throws Exception {
    MemberSpec member = member(files, flags.member());
    long pid = pid(files, member);
    Signals.send(pid, "KILL");
    out.println(member.name() + ": SIGKILL sent to pid " + pid);
    if (!flags.has("--for")) {
      return 0;
    }
    Duration down = duration(flags);
    waitOut(down);
    out.println(member.name() + ": restarting after " + Durations.format(down));
    return ClusterCommand.run(new String[] {"restart", member.name(), "--data-dir", files.dataDir().toString()}, out, err);
  }

  /** SIGSTOP for --for D, then SIGCONT. */
  private int pause(MemberFiles files, ClusterCommand.Flags flags) throws Exception {
    MemberSpec member = member(files, flags.member());
    Duration length = duration(flags);
    long pid = pid(files, member);
    return frozen(member.name(), List.of(pid), length);
  }

  /**
   * The journal database stops answering for --for D: its postmaster (first, so that it starts no
   * new backend) and every backend SIGSTOPped, then all SIGCONTed. Connections hang instead of
   * failing, as with a database host that froze or a network that drops packets.
   */
  private int pauseDb(MemberFiles files, ClusterCommand.Flags flags) throws Exception {
    Duration length = duration(flags);
    long postmaster = Postgres.findPostmaster(files.dataDir()).orElseThrow(() -> new IllegalStateException(
        "no PostgreSQL runs from " + files.dataDir() + " (orca db up --data-dir " + files.dataDir() + ")"));
    return frozen("PostgreSQL", List.of(postmaster), length);
  }

  /** SIGSTOP to the roots and then to their descendants; SIGCONT to all of them after {@code length}, or on interrupt. */
  private int frozen(String what, List<Long> roots, Duration length) throws Exception {
    List<Long> stopped = new ArrayList<>();
    Thread undo = new Thread(() -> cont(what, stopped), "orca-chaos-cont");
    Runtime.getRuntime().addShutdownHook(undo);
    try {
      stopped.addAll(Signals.freeze(roots));
      out.println(what + ": SIGSTOP sent to " + stopped.size() + " process(es) (" + stopped.stream().map(String::valueOf)
          .collect(Collectors.joining(" ")) + ") for " + Durations.format(length));
      waitOut(length);
    } finally {
      cont(what, stopped);
      Runtime.getRuntime().removeShutdownHook(undo);
    }
    return 0;
  }

  private void cont(String what, List<Long> pids) {
    synchronized (pids) {
      if (pids.isEmpty()) {
        return;
      }
      try {
        out.println(what + ": SIGCONT sent to " + Signals.thaw(pids) + " process(es)");
      } catch (Exception e) {
        err.println("orca chaos: SIGCONT to " + pids + " failed: " + e.getMessage());
      }
      pids.clear();
    }
  }

  // ---- faults inside members, through their endpoint

  /**
   * Cuts MEMBER off from the members in --from (every other member by default) for --for D, both
   * ways: each side blackholes the other, and heals by itself when D is over.
   */
  private int partition(MemberFiles files, ClusterCommand.Flags flags) throws Exception {
    MemberSpec isolated = member(files, flags.member());
    String duration = Durations.format(duration(flags));
    List<MemberSpec> others = new ArrayList<>();
    if (flags.has("--from")) {
      for (String name : flags.get("--from", "").split(",")) {
        MemberSpec m = member(files, name.strip());
        if (m.name().equals(isolated.name())) {
          throw new IllegalArgumentException(m.name() + " cannot be cut off from itself");
        }
        others.add(m);
      }
    } else {
      files.members().stream().filter(m -> !m.name().equals(isolated.name())).forEach(others::add);
    }
    if (others.isEmpty()) {
      throw new IllegalArgumentException("no other member to cut " + isolated.name() + " off from");
    }
    int failures = 0;
    failures += post(isolated, "partition", "members/" + others.stream().map(MemberSpec::address)
        .collect(Collectors.joining(",")), duration) ? 0 : 1;
    for (MemberSpec other : others) {
      failures += post(other, "partition", "members/" + isolated.address(), duration) ? 0 : 1;
    }
    return failures == 0 ? 0 : 1;
  }

  /** Any fault through MEMBER's endpoint: --kind K --target T [--for D]. */
  private int inject(MemberFiles files, ClusterCommand.Flags flags) throws Exception {
    MemberSpec member = member(files, flags.member());
    FaultKind kind = FaultKind.of(flags.get("--kind", "")).orElseThrow(() -> new IllegalArgumentException(
        "--kind is one of " + FaultKind.names()));
    return post(member, kind.wireName(), flags.get("--target", ""),
        flags.has("--for") ? Durations.format(duration(flags)) : null) ? 0 : 1;
  }

  private int list(MemberFiles files, ClusterCommand.Flags flags) throws Exception {
    MemberSpec member = member(files, flags.member());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api(member) + "/chaos/v1/faults"))
        .timeout(HTTP_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    out.println(r.body());
    return r.statusCode() == 200 ? 0 : 1;
  }

  private boolean post(MemberSpec member, String kind, String target, String duration) throws Exception {
    HttpResponse<String> r = FaultClient.post(http, api(member), kind, target, duration);
    boolean ok = FaultClient.accepted(r);
    (ok ? out : err).println(member.name() + ": " + kind + " " + target + (duration == null ? "" : " for " + duration)
        + ": " + r.statusCode() + " " + r.body());
    return ok;
  }

  // ---- scenarios

  /** Prints the timeline a scenario lays out (orca chaos plan --scenario FILE). */
  private int plan(ClusterCommand.Flags flags) throws Exception {
    if (!flags.has("--scenario")) {
      throw new IllegalArgumentException("--scenario FILE is required");
    }
    Scenario scenario;
    try {
      scenario = ScenarioReader.read(Path.of(flags.get("--scenario", "")));
    } catch (dev.orca.chaos.scenario.InvalidScenario e) {
      err.println(e.getMessage());
      return 2;
    }
    List<TimelineEvent> events = Timeline.expand(scenario);
    out.println(scenario.name() + ": " + events.size() + " fault(s) in " + Durations.format(scenario.duration())
        + ", seed " + scenario.seed() + ", " + scenario.cluster().members() + " member(s)");
    events.forEach(e -> out.println(e.describe()));
    return 0;
  }

  // ---- helpers

  private static MemberSpec member(MemberFiles files, String name) {
    return files.member(name).orElseThrow(() -> new IllegalArgumentException("no member " + name + " in " + files.dataDir()
        + " (members: " + files.members().stream().map(MemberSpec::name).collect(Collectors.joining(", ")) + ")"));
  }

  private static long pid(MemberFiles files, MemberSpec member) {
    return files.process(member.name()).orElseThrow(() -> new IllegalStateException(member.name() + " is not running"))
        .pid();
  }

  private static String api(MemberSpec member) {
    if (member.apiUrl().isEmpty()) {
      throw new IllegalArgumentException(member.name() + " serves no API (role api): inject through a member that does");
    }
    return member.apiUrl();
  }

  private static Duration duration(ClusterCommand.Flags flags) {
    if (!flags.has("--for")) {
      throw new IllegalArgumentException("--for DURATION is required (say --for 10s)");
    }
    Duration d = Durations.parse(flags.get("--for", ""));
    if (d.isZero() || d.compareTo(Fault.MAX_DURATION) > 0) {
      throw new IllegalArgumentException("--for is more than 0s and at most " + Durations.format(Fault.MAX_DURATION));
    }
    return d;
  }

  /** The CLI waits out the fault it holds (the process it paused cannot end the pause itself). */
  private static void waitOut(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }
}
