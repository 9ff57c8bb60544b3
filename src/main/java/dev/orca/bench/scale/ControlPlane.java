package dev.orca.bench.scale;

import dev.orca.boot.FileTrees;
import dev.orca.cluster.ClusterCommand;
import dev.orca.cluster.CollectorChoice;
import dev.orca.cluster.FreePorts;
import dev.orca.cluster.MemberFiles;
import dev.orca.cluster.MemberSpec;
import dev.orca.db.DbCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Orca under test, in JVMs of its own so that its heap and CPU are its own: one
 * {@code orca up} on H2 under DATA_DIR, or a private PostgreSQL ({@code orca db up}) and
 * {@code orca cluster up} of MEMBERS JVMs, each with its share of the simulated nodes. It can be
 * stopped and started again on the same journal (the restart the benchmark times).
 */
final class ControlPlane implements AutoCloseable {
  private final ScaleOptions options;
  private final ScaleOptions.Size size;
  private final Path dataDir;
  private final Consumer<String> log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private int apiPort;
  private int pgPort;
  private Process single;

  ControlPlane(ScaleOptions options, ScaleOptions.Size size, Path dataDir, Consumer<String> log) {
    this.options = options;
    this.size = size;
    this.dataDir = dataDir.toAbsolutePath();
    this.log = log;
  }

  /**
   * The simulated nodes it starts: NODES, or on PostgreSQL NODES / MEMBERS per member (at least
   * one), which is fewer when MEMBERS does not divide NODES (1000 on 3 members: 999).
   */
  int nodes() {
    return postgres() ? Math.max(1, size.nodes() / options.members()) * options.members() : size.nodes();
  }

  boolean postgres() {
    return options.journal().equals("postgres");
  }

  /** A fresh data directory, the journal, the JVMs; returns when every API answers. */
  void create() throws Exception {
    FileTrees.delete(dataDir);
    Files.createDirectories(dataDir);
    apiPort = FreePorts.range(options.members());
    if (postgres()) {
      pgPort = FreePorts.one();
      if (DbCommand.run(new String[] {"db", "up", "--data-dir", dataDir.toString(), "--port", Integer.toString(pgPort)}) != 0) {
        throw new IllegalStateException("orca db up failed in " + dataDir);
      }
    }
    start();
  }

  /** The control plane's JVM options besides the heap: ORCA_BENCH_JAVA_OPTS, or the default collector's. */
  private static List<String> gcOptions() {
    String given = System.getenv("ORCA_BENCH_JAVA_OPTS");
    return given == null || given.isBlank() ? CollectorChoice.DEFAULTS
        : List.of(given.trim().split("\\s+"));
  }

  /** Starts the JVMs on the journal already there. */
  void start() throws Exception {
    List<String> sets = new ArrayList<>(options.sets());
    sets.add(0, "orca.runtime.simulated-start-delay=" + options.containerStart().toMillis() + "ms");
    if (postgres()) {
      System.setProperty("orca.member-java-opts", "-Xmx" + options.heap() + " " + String.join(" ", gcOptions()));
      List<String> up = new ArrayList<>(List.of("up", "--nodes", Integer.toString(options.members()),
          "--simulated-nodes", Integer.toString(nodes() / options.members()),
          "--data-dir", dataDir.toString(), "--postgres-port", Integer.toString(pgPort),
          "--api-port", Integer.toString(apiPort),
          // members start one after the other, each reading the whole journal before it joins
          "--timeout", Long.toString(options.timeout().toSeconds())));
      for (String flag : List.of("--remoting-port", "--management-port")) {
        up.addAll(List.of(flag, Integer.toString(FreePorts.range(options.members()))));
      }
      sets.forEach(s -> up.addAll(List.of("--set", s)));
      ClusterCommand.runChecked(up.toArray(String[]::new));
    } else {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx" + options.heap()));
      command.addAll(gcOptions());
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.orca.Main", "up", "--port", Integer.toString(apiPort),
          "--data-dir", dataDir.toString(), "--simulated-nodes", Integer.toString(size.nodes()), "--no-process-node"));
      sets.forEach(s -> command.addAll(List.of("--set", s)));
      single = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("orca.log").toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    for (String api : apis()) {
      while (!answers(api + "/version")) {
        if (System.nanoTime() > deadline || (single != null && !single.isAlive())) {
          throw new IllegalStateException("the API at " + api + " did not come up; see " + dataDir);
        }
        TimeUnit.MILLISECONDS.sleep(200); // polling a process that is booting
      }
    }
  }

  /** Stops every JVM (SIGTERM, as an operator would), keeping the journal. */
  void stop() throws Exception {
    if (postgres()) {
      ClusterCommand.runChecked("down", "--data-dir", dataDir.toString());
    } else if (single != null) {
      single.destroy();
      if (!single.waitFor(60, TimeUnit.SECONDS)) {
        single.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      single = null;
    }
  }

  List<String> apis() {
    if (postgres()) {
      return new MemberFiles(dataDir).members().stream().map(MemberSpec::apiUrl).filter(a -> !a.isEmpty()).toList();
    }
    return List.of("http://127.0.0.1:" + apiPort);
  }

  /** The JVMs' processes. */
  List<ProcessHandle> processes() {
    if (postgres()) {
      MemberFiles files = new MemberFiles(dataDir);
      return files.members().stream().flatMap(m -> files.process(m.name()).stream()).toList();
    }
    return single == null ? List.of() : List.of(single.toHandle());
  }

  /** The journal's size on disk: H2's files, or PostgreSQL's journal tables with their indexes. */
  long journalBytes() throws Exception {
    if (postgres()) {
      try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/orca", "orca", "orca");
          var rs = c.createStatement().executeQuery("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c "
              + "join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname = 'public'")) {
        rs.next();
        return rs.getLong(1);
      }
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".mv.db")).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }

  String describe() {
    return postgres() ? options.members() + " JVM(s) on PostgreSQL" : "1 JVM on H2";
  }

  private boolean answers(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (Exception e) {
      log.accept("stopping Orca: " + e.getMessage());
    }
    if (postgres()) {
      try {
        DbCommand.run(new String[] {"db", "down", "--data-dir", dataDir.toString(), "--port", Integer.toString(pgPort)});
      } catch (Exception e) {
        log.accept("stopping PostgreSQL: " + e.getMessage());
      }
    }
  }
}
