package dev.orca.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.orca.model.ResourceType;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * {@code orca cluster up|status|down|kill|pause|resume|restart}: a cluster of member JVMs on this machine.
 * Each member is {@code java -cp <this classpath> dev.orca.Main up --member NAME --data-dir DIR},
 * started in its own session, its pid in {@code DATA_DIR/members/NAME.pid}. What the cluster
 * thinks comes from the members' Pekko Management HTTP.
 */
public final class ClusterCommand {
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);

  private final PrintStream out;
  private final PrintStream err;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

  private ClusterCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs one subcommand; returns the process exit code. */
  /**
   * {@code orca cluster ARGS} from code (a benchmark, a test): its output, out and err together;
   * IllegalStateException with that output unless it exits 0.
   */
  public static String runChecked(String... args) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    PrintStream print = new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
    int code = run(args, print, print);
    String output = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    if (code != 0) {
      throw new IllegalStateException("orca cluster " + String.join(" ", args) + " -> " + code + "\n" + output);
    }
    return output;
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    ClusterCommand command = new ClusterCommand(out, err);
    try {
      return command.dispatch(args);
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("orca cluster: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("orca cluster: " + e);
      return 1;
    }
  }

  private int dispatch(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("say up, status, down, kill, pause, resume or restart (orca help)");
    }
    Flags flags = Flags.parse(Arrays.copyOfRange(args, 1, args.length));
    MemberFiles files = new MemberFiles(Path.of(flags.get("--data-dir", "./data/cluster")));
    return switch (args[0]) {
      case "up" -> up(files, flags);
      case "status" -> status(files, "json".equals(flags.get("-o", "table")));
      case "down" -> down(files);
      case "kill" -> signal(files, flags.member(), "KILL");
      case "pause" -> signal(files, flags.member(), "STOP");
      case "resume" -> signal(files, flags.member(), "CONT");
      case "restart" -> restart(files, flags.member(), Duration.ofSeconds(Long.parseLong(flags.get("--timeout", "120"))));
      default -> throw new IllegalArgumentException("unknown subcommand '" + args[0] + "'");
    };
  }

  // ---- up

  private int up(MemberFiles files, Flags flags) throws Exception {
    for (MemberSpec m : files.members()) {
      if (files.process(m.name()).isPresent()) {
        throw new IllegalStateException(m.name() + " is running (pid " + files.pid(m.name()).orElseThrow()
            + "): orca cluster down --data-dir " + files.dataDir() + " first");
      }
    }
    Config config = ConfigFactory.load();
    int count = Integer.parseInt(flags.get("--nodes", "3"));
    List<String> roles = flags.has("--roles") ? Arrays.stream(flags.get("--roles", "").split(","))
        .map(String::trim).filter(r -> !r.isEmpty()).toList() : config.getStringList("orca.cluster.layout.roles");
    if (!roles.contains("control")) {
      err.println("orca cluster: warning: no member has the control role; nothing will host the entities");
    }
    PortLayout layout = new PortLayout(
        Integer.parseInt(flags.get("--api-port", config.getString("orca.cluster.layout.api-base"))),
        Integer.parseInt(flags.get("--remoting-port", config.getString("orca.cluster.layout.remoting-base"))),
        Integer.parseInt(flags.get("--management-port", config.getString("orca.cluster.layout.management-base"))));
    List<MemberSpec> members = layout.members(count, roles, Integer.parseInt(flags.get("--simulated-nodes", "1")));

    Map<String, Object> shared = new LinkedHashMap<>();
    Optional<Integer> pgPort = flags.has("--postgres-port") ? Optional.of(Integer.parseInt(flags.get("--postgres-port", "")))
        : Postgres.findRunning(files.dataDir());
    if (pgPort.isPresent()) {
      shared.putAll(Postgres.journalSettings("jdbc:postgresql://127.0.0.1:" + pgPort.get() + "/orca", "orca", "orca"));
    } else if (count > 1) {
      throw new IllegalArgumentException("members must share a journal: start one with `bin/orca db up --data-dir "
          + files.dataDir() + " --port P` (or name a running PostgreSQL with --postgres-port P)");
    }
    Config memberSettings = config.getConfig("orca.cluster.layout.member-settings");
    memberSettings.root().keySet().forEach(path -> shared.put(path, memberSettings.root().get(path).unwrapped()));
    for (String set : flags.all("--set")) {
      Map.Entry<String, String> setting = dev.orca.boot.OrcaSettings.setting(set);
      shared.put(setting.getKey(), setting.getValue());
    }
    shared.putAll(dev.orca.chaos.ChaosSettings.memberSettings(shared, config));
    List<String> seeds = members.stream().map(MemberSpec::address).toList();
    Files.createDirectories(files.dir());
    try (var old = Files.list(files.dir())) {
      for (Path p : old.filter(p -> p.toString().endsWith(".conf")).toList()) {
        Files.delete(p);
      }
    }
    for (MemberSpec m : members) {
      files.write(m, seeds, shared);
    }
    out.println("orca cluster: " + count + " member(s) in " + files.dataDir() + ", journal "
        + pgPort.map(p -> "PostgreSQL on 127.0.0.1:" + p).orElse("H2 (one member)"));
    long started = System.nanoTime();
    Duration timeout = Duration.ofSeconds(Long.parseLong(flags.get("--timeout", "120")));
    // One at a time: the first forms the cluster and creates the journal schema, each of the rest
    // joins once the one before is Up with its API answering, i.e. booted: its watch cache has
    // caught up with the journal and its node agents have started. A member's boot is the heaviest
    // work it does (JIT compilation, reading the journal, its nodes' first heartbeats); two at once
    // beside a running member starved a member's heartbeats on two cores for longer than the
    // failure detector tolerates, and the Split Brain Resolver downed it (docs/OPERATIONS.md,
    // "Starting a cluster").
    Map<String, String> reported = new HashMap<>();
    for (int i = 0; i < members.size(); i++) {
      start(files, members.get(i));
      awaitUp(files, members.subList(0, i + 1), started, timeout, reported);
    }
    out.print(MemberStatus.table(collect(files)));
    return 0;
  }

  private void start(MemberFiles files, MemberSpec member) throws IOException {
    start(files, member, List.of());
  }

  /** Starts a member's JVM with {@code flags} after its member file's. */
  private void start(MemberFiles files, MemberSpec member, List<String> flags) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid"); // its own session: a Ctrl-C to `cluster up` does not reach the members
    }
    command.add(java);
    // first, so that it is within the 4 kB of command line the JDK reports (MemberFiles.process)
    command.add(MemberFiles.marker(member.name()));
    // the JVM options of members: system property orca.member-java-opts (benchmarks), else ORCA_MEMBER_JAVA_OPTS
    command.addAll(Arrays.asList(Optional.ofNullable(System.getProperty("orca.member-java-opts"))
        .or(() -> Optional.ofNullable(System.getenv("ORCA_MEMBER_JAVA_OPTS")))
        .orElse("-Xmx1g " + String.join(" ", CollectorChoice.DEFAULTS)).trim().split("\\s+")));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.orca.Main", "up",
        "--member", member.name(), "--data-dir", files.dataDir().toString()));
    command.addAll(flags);
    Files.createDirectories(files.log(member.name()).getParent());
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log(member.name()).toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    files.writePid(member.name(), process.pid());
    out.println("  " + member.name() + ": started, pid " + process.pid() + ", log " + files.log(member.name()));
  }

  /**
   * Waits until every one of {@code members} is Up, printing each as it comes up (a change from
   * what {@code reported} says it last printed).
   */
  private void awaitUp(MemberFiles files, List<MemberSpec> members, long started, Duration timeout,
      Map<String, String> reported) throws Exception {
    long deadline = started + timeout.toNanos();
    while (true) {
      ClusterView view = view(files.members());
      boolean allUp = true;
      for (MemberSpec m : members) {
        ClusterView.Member seen = view.byAddress().get(m.address());
        String status = seen == null ? "starting" : seen.status();
        // Up in the cluster, then the rest of its boot: its API answers (members without one: Up is enough)
        if (status.equals("Up") && !m.apiUrl().isEmpty() && get(m.apiUrl() + "/version").join().isEmpty()) {
          status = "Up, API starting";
        } else if (status.equals("Up") && !m.apiUrl().isEmpty()) {
          status = "Up, API " + m.apiUrl();
        }
        if (!status.equals(reported.get(m.name()))) {
          reported.put(m.name(), status);
          out.printf("  %s: %s (%.1f s)%n", m.name(), status, (System.nanoTime() - started) / 1e9);
        }
        allUp &= status.startsWith("Up") && !status.endsWith("starting");
        if (files.process(m.name()).isEmpty()) {
          throw new IllegalStateException(m.name() + " exited; see " + files.log(m.name()));
        }
      }
      if (allUp) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("members not Up after " + timeout.toSeconds() + " s; see " + files.dataDir()
            + "/logs");
      }
      Thread.sleep(250); // a CLI polling a remote process, not a test's synchronisation
    }
  }

  /**
   * Starts one stopped member again from its member file (after {@code kill}, or a crash), and
   * waits until it is Up and its API answers: it rejoins through the seed nodes.
   */
  private int restart(MemberFiles files, String name, Duration timeout) throws Exception {
    MemberSpec member = files.member(name).orElseThrow(() -> new IllegalArgumentException("no member " + name + " in "
        + files.dataDir() + " (members: " + files.members().stream().map(MemberSpec::name).collect(Collectors.joining(", ")) + ")"));
    Optional<ProcessHandle> running = files.process(name);
    if (running.isPresent()) {
      throw new IllegalStateException(name + " is running (pid " + running.get().pid() + "): kill or stop it first");
    }
    long started = System.nanoTime();
    // only the first seed node may join itself: a restarted orca-1 on a loaded machine could
    // otherwise form a second cluster beside the running one, both writing one journal
    start(files, member, List.of("--rejoin"));
    awaitUp(files, List.of(member), started, timeout, new HashMap<>());
    return 0;
  }

  // ---- status

  private int status(MemberFiles files, boolean json) throws Exception {
    List<MemberSpec> specs = files.members();
    if (specs.isEmpty()) {
      throw new IllegalStateException("no cluster in " + files.dataDir() + " (orca cluster up --data-dir DIR)");
    }
    List<MemberStatus> rows = collect(files);
    out.print(json ? MemberStatus.json(rows) + "\n" : MemberStatus.table(rows));
    return 0;
  }

  List<MemberStatus> collect(MemberFiles files) {
    List<MemberSpec> specs = files.members();
    Map<String, Long> pids = new HashMap<>();
    for (MemberSpec m : specs) {
      files.process(m.name()).ifPresent(p -> pids.put(m.name(), p.pid()));
    }
    ClusterView view = view(specs.stream().filter(m -> pids.containsKey(m.name())).toList());
    Map<String, CompletableFuture<Optional<Integer>>> shards = new LinkedHashMap<>();
    for (MemberSpec m : specs) {
      ClusterView.Member seen = view.byAddress().get(m.address());
      if (pids.containsKey(m.name()) && seen != null && seen.reachable()) {
        shards.put(m.name(), shardCount(m));
      }
    }
    Map<String, Integer> counts = new HashMap<>();
    shards.forEach((name, f) -> f.join().ifPresent(n -> counts.put(name, n)));
    return MemberStatus.of(specs, pids, view, counts);
  }

  /** The membership as the first member that answers sees it. */
  private ClusterView view(List<MemberSpec> candidates) {
    for (MemberSpec m : candidates) {
      Optional<String> body = get(m.managementUrl() + "/cluster/members").join();
      if (body.isPresent()) {
        return ClusterView.parse(body.get());
      }
    }
    return ClusterView.empty();
  }

  /** The shards of every entity type this member hosts; empty if it did not answer. */
  private CompletableFuture<Optional<Integer>> shardCount(MemberSpec m) {
    List<CompletableFuture<Optional<Integer>>> perType = Arrays.stream(ResourceType.values())
        .map(t -> get(m.managementUrl() + "/cluster/shards/" + t.kind()).thenApply(b -> b.map(ClusterView::shardCount)))
        .toList();
    return CompletableFuture.allOf(perType.toArray(CompletableFuture[]::new)).thenApply(v -> {
      int total = 0;
      for (CompletableFuture<Optional<Integer>> f : perType) {
        if (f.join().isEmpty()) {
          return Optional.<Integer>empty();
        }
        total += f.join().get();
      }
      return Optional.of(total);
    });
  }

  /** GET: the body of a 200; "{}" for a 404 (a region that is not started); empty when nobody answered. */
  private CompletableFuture<Optional<String>> get(String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> r.statusCode() == 200 ? Optional.of(r.body())
            : r.statusCode() == 404 ? Optional.of("{}") : Optional.<String>empty())
        .exceptionally(e -> Optional.empty());
  }

  // ---- down, kill, pause, resume

  private int down(MemberFiles files) throws Exception {
    List<MemberSpec> members = files.members();
    // the newest first, so the oldest (the singletons' host) hands over only once
    List<MemberSpec> order = new ArrayList<>(members);
    java.util.Collections.reverse(order);
    for (MemberSpec m : order) {
      Optional<ProcessHandle> p = files.process(m.name());
      if (p.isEmpty()) {
        files.clearPid(m.name());
        continue;
      }
      Signals.send(p.get().pid(), "CONT"); // a paused member cannot run its shutdown
      p.get().destroy(); // SIGTERM: coordinated shutdown, leaving the cluster
      out.println("  " + m.name() + ": stopping (pid " + p.get().pid() + ")");
    }
    for (MemberSpec m : order) {
      Optional<ProcessHandle> p = files.process(m.name());
      if (p.isPresent()) {
        try {
          p.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          p.get().destroyForcibly();
          out.println("  " + m.name() + ": killed after 30 s");
        }
      }
      files.clearPid(m.name());
    }
    out.println("orca cluster: down");
    return 0;
  }

  private int signal(MemberFiles files, String name, String signal) throws Exception {
    if (files.member(name).isEmpty()) {
      throw new IllegalArgumentException("no member " + name + " in " + files.dataDir() + " (members: "
          + files.members().stream().map(MemberSpec::name).collect(Collectors.joining(", ")) + ")");
    }
    ProcessHandle p = files.process(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
    Signals.send(p.pid(), signal);
    out.println(name + ": SIG" + signal + " sent to pid " + p.pid());
    return 0;
  }

  /** Flags: {@code --name value} pairs (repeatable), plus one positional argument (a member name). */
  public record Flags(Map<String, List<String>> values, List<String> positional) {
    public static Flags parse(String[] args) {
      Map<String, List<String>> values = new LinkedHashMap<>();
      List<String> positional = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        if (args[i].startsWith("-")) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
          }
          values.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[++i]);
        } else {
          positional.add(args[i]);
        }
      }
      return new Flags(values, positional);
    }

    public boolean has(String flag) {
      return values.containsKey(flag);
    }

    public String get(String flag, String otherwise) {
      List<String> v = values.get(flag);
      return v == null ? otherwise : v.get(v.size() - 1);
    }

    public List<String> all(String flag) {
      return values.getOrDefault(flag, List.of());
    }

    public String member() {
      if (positional.size() != 1) {
        throw new IllegalArgumentException("name one member, e.g. orca-2");
      }
      return positional.get(0);
    }
  }
}
