package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.bench.FailoverBench;
import dev.orca.cluster.MemberFiles;
import dev.orca.fencing.SingleWriterCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5, "no stale writer": three member JVMs on the test's PostgreSQL, 20 Deployments and a
 * client updating ConfigMaps through orca-1 without pause. A member is frozen with SIGSTOP for
 * longer than failure detection (10 s; then another for 30 s, frozen while its journal
 * connection holds an open write transaction), then woken with SIGCONT. Each time: the survivors
 * fence its writer while it sleeps, it shuts itself down once awake, not one journal row is
 * added under its writer after it wakes, and the command trace of every member shows no entity
 * running on two members at once. Every acknowledged ConfigMap write is still there, and every
 * Deployment is back to exactly its replicas. Last, a member is cut off from the other two but
 * not from the database: the same holds.
 */
@Tag("slow")
@ExtendWith(TestPostgres.Resolver.class)
class StaleWriterTest {
  private static final Duration BOUND = Duration.ofSeconds(90);

  @Test
  void aFrozenMemberIsFencedAndNeverWritesAgainOnceAwake(TestPostgres postgres) throws Exception {
    // under target/, kept: the members' logs are what a failure is read from
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "stale-writer-").toAbsolutePath();
    String url = postgres.freshDatabase("orca");
    FailoverBench bench = new FailoverBench(dir, System.out::println);
    MemberFiles files = new MemberFiles(dir);
    try {
      ClusterProbe.up(bench, dir, postgres.port(), "--set", "orca.fencing.trace-commands=on",
          "--set", "orca.chaos.enabled=on");
      bench.createDeployments(Duration.ofSeconds(120));
      ApiClient api = new ApiClient(files.member("orca-1").orElseThrow().apiPort());
      try (ConfigMapLoad load = new ConfigMapLoad(List.of(api), "load")) {
        freeze(files, url, "orca-2", Duration.ofSeconds(10), false);
        ClusterProbe.awaitRecovered(bench, "orca-1", BOUND);
        bench.cluster("restart", "orca-2", "--data-dir", dir.toString(), "--timeout", "120");
        freeze(files, url, "orca-3", Duration.ofSeconds(30), true);
        ClusterProbe.awaitRecovered(bench, "orca-1", BOUND);
        bench.cluster("restart", "orca-3", "--data-dir", dir.toString(), "--timeout", "120");
        ClusterProbe.awaitSettled(files, 3, Duration.ofSeconds(5), BOUND);
        cutOff(files, url, dir, "orca-2");
        ClusterProbe.awaitRecovered(bench, "orca-1", BOUND);
        load.stop();
        load.assertNothingLost(api);
      }

      List<String> lines = new ArrayList<>();
      try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
        for (Path log : logs.toList()) {
          lines.addAll(Files.readAllLines(log));
        }
      }
      SingleWriterCheck.Result trace = SingleWriterCheck.check(lines);
      System.out.printf("stale writer: %d entity runs traced, refusals by writer %s%n", trace.runs().size(),
          trace.refusedByWriter());
      assertTrue(trace.runs().size() > 100, "the trace covers the entities: " + trace.runs().size());
      assertEquals(List.of(), trace.violations(), "no entity handled commands on two members at once");
    } finally {
      bench.cluster("down", "--data-dir", dir.toString());
    }
  }

  /**
   * Freezes {@code victim} for {@code pause} (first catching it inside an open journal write
   * transaction if asked), wakes it, and checks what the issue asks.
   */
  private static void freeze(MemberFiles files, String url, String victim, Duration pause, boolean inTransaction)
      throws Exception {
    long pid = files.pid(victim).orElseThrow();
    long writer = writerOf(url, victim);
    Integer openBackend = null;
    if (inTransaction) {
      for (int attempt = 0; attempt < 2000 && openBackend == null; attempt++) {
        dev.orca.cluster.Signals.send(pid, "STOP");
        openBackend = openWriteTransaction(url, writerName(url, writer));
        if (openBackend == null) {
          dev.orca.cluster.Signals.send(pid, "CONT");
          TimeUnit.MILLISECONDS.sleep(3); // pacing between attempts, not synchronisation
        }
      }
      assertNotNull(openBackend, victim + " was never caught inside a write transaction");
    } else {
      dev.orca.cluster.Signals.send(pid, "STOP");
    }
    long stopped = System.nanoTime();
    System.out.printf("stale writer: %s (pid %d, writer %d) frozen%s%n", victim, pid, writer,
        openBackend == null ? "" : " inside an open write transaction (backend " + openBackend + ")");
    ApiClient.await(victim + "'s writer fenced by the survivors", BOUND, () -> fenced(url, writer), f -> f);
    System.out.printf("stale writer: %s fenced %.1f s after it froze%n", victim, (System.nanoTime() - stopped) / 1e9);
    if (openBackend != null) {
      Integer backend = openBackend;
      ApiClient.await("the frozen transaction's session ended", BOUND, () -> backendAlive(url, backend), alive -> !alive);
    }
    long left = pause.toNanos() - (System.nanoTime() - stopped);
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left); // the fault's duration
    }
    long rows = journalRows(url, writer);
    dev.orca.cluster.Signals.send(pid, "CONT");
    long woken = System.nanoTime();
    ApiClient.await(victim + " to shut itself down", BOUND,
        () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    System.out.printf("stale writer: %s exited %.1f s after it woke; journal rows under its writer: %d before, %d after%n",
        victim, (System.nanoTime() - woken) / 1e9, rows, journalRows(url, writer));
    assertEquals(rows, journalRows(url, writer), "no write of " + victim + " accepted after it woke");
  }

  /**
   * Cuts {@code victim} off from the other two members (Artery drops everything both ways) while
   * it still reaches PostgreSQL: it keeps renewing its lease, so the majority must revoke it
   * (fence on seeing it downed) and wait the lease out before its shards start elsewhere.
   */
  private static void cutOff(MemberFiles files, String url, Path dir, String victim) throws Exception {
    long pid = files.pid(victim).orElseThrow();
    long writer = writerOf(url, victim);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream print = new java.io.PrintStream(out, true);
    long cut = System.nanoTime();
    assertEquals(0, dev.orca.chaos.ChaosCommand.run(new String[] {"partition", victim, "--for", "40s",
        "--data-dir", dir.toString()}, print, print), out.toString());
    ApiClient.await(victim + "'s writer fenced by the majority", BOUND, () -> fenced(url, writer), f -> f);
    long rows = journalRows(url, writer);
    System.out.printf("stale writer: %s cut off, fenced %.1f s later (journal rows under its writer: %d)%n", victim,
        (System.nanoTime() - cut) / 1e9, rows);
    ApiClient.await(victim + " to shut itself down", BOUND,
        () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    System.out.printf("stale writer: %s exited %.1f s after it was cut off%n", victim, (System.nanoTime() - cut) / 1e9);
    assertEquals(rows, journalRows(url, writer), "no write of " + victim + " accepted after its fence");
  }

  // ---- the database's view

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
  }

  private static long writerOf(String url, String member) throws SQLException {
    return queryLong(url, "SELECT max(id) FROM orca_writer WHERE member = ? AND fenced_at IS NULL", member);
  }

  private static String writerName(String url, long writer) throws SQLException {
    try (Connection c = connect(url); PreparedStatement s = c.prepareStatement("SELECT name FROM orca_writer WHERE id = ?")) {
      s.setLong(1, writer);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static boolean fenced(String url, long writer) {
    try {
      return queryLong(url, "SELECT count(*) FROM orca_writer WHERE id = ? AND fenced_at IS NOT NULL", writer) == 1;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static long journalRows(String url, long writer) throws SQLException {
    return queryLong(url, "SELECT count(*) FROM event_journal WHERE orca_writer = ?", writer);
  }

  /** The backend pid of a session of this writer that holds an uncommitted write, or null. */
  private static Integer openWriteTransaction(String url, String name) throws SQLException {
    try (Connection c = connect(url); PreparedStatement s = c.prepareStatement("SELECT pid FROM pg_stat_activity "
        + "WHERE application_name = ? AND state = 'idle in transaction' AND backend_xid IS NOT NULL LIMIT 1")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    }
  }

  private static boolean backendAlive(String url, int pid) {
    try {
      return queryLong(url, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", pid) > 0;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static long queryLong(String url, String sql, Object arg) throws SQLException {
    try (Connection c = connect(url); PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, arg);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }


}
