package dev.orca.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Finding the PostgreSQL a cluster's members share, and the settings that point them at it. */
public final class Postgres {
  private Postgres() {}

  /**
   * The port of a PostgreSQL running from a data directory under {@code dir} (as {@code bin/orca db
   * up} makes one): a {@code postmaster.pid} whose first line is a live pid; its fourth line is the port.
   */
  public static Optional<Integer> findRunning(Path dir) {
    return runningPidFile(dir).flatMap(Postgres::portOf);
  }

  /** The pid of the postmaster of a PostgreSQL running from a data directory under {@code dir}. */
  public static Optional<Long> findPostmaster(Path dir) {
    return runningPidFile(dir).flatMap(lines -> portOf(lines).map(port -> Long.parseLong(lines.get(0).trim())));
  }

  /** The lines of the first postmaster.pid under {@code dir} whose server is alive. */
  private static Optional<List<String>> runningPidFile(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> found = Files.find(dir, 3, (p, a) -> p.getFileName().toString().equals("postmaster.pid"))) {
      for (Path pidFile : found.toList()) {
        List<String> lines = Files.readAllLines(pidFile);
        if (portOf(lines).isPresent()) {
          return Optional.of(lines);
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The port in a postmaster.pid's lines, when its server (first line) is alive. */
  static Optional<Integer> portOf(List<String> lines) {
    try {
      long pid = Long.parseLong(lines.get(0).trim());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The journal settings every member gets: {@code orca.journal.*}, which PersistenceConfig turns into the plugin's. */
  public static Map<String, Object> journalSettings(String url, String user, String password) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("orca.journal.kind", "postgres");
    s.put("orca.journal.postgres.url", url);
    s.put("orca.journal.postgres.user", user);
    s.put("orca.journal.postgres.password", password);
    return s;
  }
}
