package dev.orca.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server in one directory, listening on 127.0.0.1 only: what {@code orca db}
 * runs and what the PostgreSQL tests start. Debian's PostgreSQL refuses to run as root, so as root
 * the server's commands run as the {@code postgres} user and the directory belongs to it.
 * Connections over TCP need a password; the superuser connects (for set-up only) through the
 * Unix socket, which lies inside the directory (mode 0700), so only its owner and root reach it.
 */
public final class LocalPostgres {
  private static final String OS_USER = "postgres";

  private final Path dir;
  private final int port;
  private final Path bin;
  private final Consumer<String> progress;

  public LocalPostgres(Path dir, int port, Path bin, Consumer<String> progress) {
    this.dir = dir.toAbsolutePath().normalize();
    this.port = port;
    this.bin = bin;
    this.progress = progress;
  }

  /** The directory holding initdb and pg_ctl: the newest /usr/lib/postgresql/N/bin, else initdb's on PATH. */
  public static Optional<Path> findBinaries() {
    Path lib = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> versions = Files.list(lib)) {
        Optional<Path> newest = versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
            .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
        if (newest.isPresent()) {
          return newest;
        }
      } catch (IOException e) {
        // fall through to PATH
      }
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path initdb = Path.of(entry.isEmpty() ? "." : entry, "initdb");
      if (Files.isExecutable(initdb)) {
        try {
          Path real = initdb.toRealPath().getParent();
          if (Files.isExecutable(real.resolve("pg_ctl"))) {
            return Optional.of(real);
          }
        } catch (IOException e) {
          // next
        }
      }
    }
    return Optional.empty();
  }

  private static int version(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Installs Debian's postgresql package when no binaries are found (needs root and apt-get). */
  public static Path findOrInstall(Consumer<String> progress) throws IOException, InterruptedException {
    Optional<Path> found = findBinaries();
    if (found.isPresent()) {
      return found.get();
    }
    progress.accept("PostgreSQL is not installed: apt-get install -y postgresql");
    if (run(List.of("apt-get", "install", "-y", "-q", "postgresql"), null, true) != 0) {
      run(List.of("apt-get", "update", "-q"), null, true);
      if (run(List.of("apt-get", "install", "-y", "-q", "postgresql"), null, true) != 0) {
        throw new IOException("apt-get install postgresql failed");
      }
    }
    return findBinaries().orElseThrow(() -> new IOException("postgresql installed, but no initdb under /usr/lib/postgresql/*/bin"));
  }

  public Path dir() {
    return dir;
  }

  public int port() {
    return port;
  }

  public boolean initialised() {
    return Files.exists(dir.resolve("PG_VERSION"));
  }

  /** initdb, once: owned by the postgres user when run as root, 127.0.0.1 only, socket inside the directory. */
  public void init() throws IOException, InterruptedException {
    if (initialised()) {
      return;
    }
    progress.accept("initialising a PostgreSQL cluster in " + dir);
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    if (asRoot()) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
      view.setOwner(users.lookupPrincipalByName(OS_USER));
      GroupPrincipal group = users.lookupPrincipalByGroupName(OS_USER);
      view.setGroup(group);
      if (asServer(List.of("test", "-w", dir.toString()), false) != 0) {
        throw new IOException("the postgres user cannot reach " + dir + ": make its parent directories traversable (chmod o+x)");
      }
    }
    List<String> initdb = List.of(bin.resolve("initdb").toString(), "-D", dir.toString(), "-U", "postgres",
        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale");
    if (asServer(initdb, false) != 0) {
      throw new IOException("initdb failed for " + dir + " (see the output above)");
    }
    Files.writeString(dir.resolve("postgresql.conf"), String.join("\n",
        "", "# orca db: a private server on loopback only",
        "listen_addresses = '127.0.0.1'",
        "port = " + port,
        "unix_socket_directories = '" + dir + "'",
        "max_connections = 200",
        ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  /** pg_ctl start on this port; waits until it accepts connections. */
  public void start() throws IOException, InterruptedException {
    if (running()) {
      progress.accept("PostgreSQL is already running in " + dir + " on 127.0.0.1:" + runningPort().orElse(port));
      return;
    }
    progress.accept("starting PostgreSQL on 127.0.0.1:" + port);
    int rc = asServer(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-l", dir.resolve("server.log").toString(),
        "-o", "-p " + port, "-w", "-t", "60", "start"), false);
    if (rc != 0) {
      throw new IOException("pg_ctl start failed; see " + dir.resolve("server.log"));
    }
  }

  public boolean running() throws IOException, InterruptedException {
    return initialised() && asServer(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "status"), true) == 0;
  }

  /** The port the running server listens on (postmaster.pid's fourth line). */
  public Optional<Integer> runningPort() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"));
      return lines.size() > 3 ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** pg_ctl stop -m fast. */
  public void stop() throws IOException, InterruptedException {
    if (!running()) {
      progress.accept("PostgreSQL is not running in " + dir);
      return;
    }
    progress.accept("stopping PostgreSQL in " + dir);
    if (asServer(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m", "fast", "-w", "stop"), false) != 0) {
      throw new IOException("pg_ctl stop failed");
    }
  }

  /** Creates the login role and a database it owns, where missing. */
  public void ensureDatabase(String database, String user, String password) throws IOException, InterruptedException {
    int actualPort = runningPort().orElse(port);
    if (!psql(actualPort, "postgres", "SELECT 1 FROM pg_roles WHERE rolname = " + literal(user)).equals("1")) {
      progress.accept("creating role " + user);
      psql(actualPort, "postgres", "CREATE ROLE " + identifier(user) + " LOGIN PASSWORD " + literal(password));
    }
    if (!psql(actualPort, "postgres", "SELECT 1 FROM pg_database WHERE datname = " + literal(database)).equals("1")) {
      progress.accept("creating database " + database);
      psql(actualPort, "postgres", "CREATE DATABASE " + identifier(database) + " OWNER " + identifier(user));
    }
  }

  /** Drops a database if it exists, cutting its connections (PostgreSQL 13+). */
  public void dropDatabase(String database) throws IOException, InterruptedException {
    psql(runningPort().orElse(port), "postgres", "DROP DATABASE IF EXISTS " + identifier(database) + " WITH (FORCE)");
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + runningPort().orElse(port) + "/" + database;
  }

  private String psql(int port, String database, String sql) throws IOException, InterruptedException {
    List<String> command = List.of(psqlBinary(), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(),
        "-p", Integer.toString(port), "-U", "postgres", "-d", database, "-c", sql);
    ProcessBuilder pb = new ProcessBuilder(asRoot() ? runAsServer(command) : command).directory(dir.toFile())
        .redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IOException("psql failed: " + sql + ": " + out);
    }
    return out;
  }

  private String psqlBinary() {
    Path psql = bin.resolve("psql");
    return Files.isExecutable(psql) ? psql.toString() : "psql";
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String identifier(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> runAsServer(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private int asServer(List<String> command, boolean quiet) throws IOException, InterruptedException {
    return run(asRoot() ? runAsServer(command) : command, Files.isDirectory(dir) ? dir : null, !quiet);
  }

  private static int run(List<String> command, Path cwd, boolean show) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    if (show) {
      pb.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
    } else {
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
    }
    return pb.start().waitFor();
  }
}
