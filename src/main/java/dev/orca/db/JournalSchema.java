package dev.orca.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the journal's tables on PostgreSQL where they are missing (postgres-journal.sql). Safe to
 * run from several JVMs at once: an advisory lock makes them take turns.
 */
public final class JournalSchema {
  /** The channel the journal trigger NOTIFYs after each committed write. */
  public static final String NOTIFY_CHANNEL = "orca_journal";
  private static final long LOCK_KEY = 0x0_5ca_10_0bL;

  private JournalSchema() {}

  public static void createIfMissing(String url, String user, String password) throws SQLException {
    List<String> statements = statements(script());
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      try {
        for (String sql : statements) {
          statement.execute(sql);
        }
      } finally {
        statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
      }
    }
  }

  /**
   * On H2: hands out the journal's {@code ordering} values 10,000 at a time. H2 records its
   * sequence in the store whenever its cache of values runs out — by default every 32 inserts, a
   * commit of its own each time (6 % of the CPU when pods were created at 110/s). A crash loses
   * at most the rest of a cached block: a hole in {@code ordering} the journal tail waits out once.
   */
  public static void tuneH2(String url, String user, String password) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE \"event_journal\" ALTER COLUMN \"ordering\" SET CACHE " + H2_ORDERING_CACHE);
    }
  }

  /** How many {@code ordering} values H2 hands out at a time. */
  static final int H2_ORDERING_CACHE = 10_000;

  /** How many events the journal holds. */
  public static long events(String url, String user, String password) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement();
        var rs = statement.executeQuery("SELECT count(*) FROM event_journal")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String script() {
    try (InputStream in = JournalSchema.class.getResourceAsStream("postgres-journal.sql")) {
      if (in == null) {
        throw new IllegalStateException("postgres-journal.sql is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Splits a script at ';' outside dollar-quoted bodies, dropping '--' comment lines. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean dollar = false;
    for (String line : script.split("\n")) {
      if (!dollar && line.strip().startsWith("--")) {
        continue;
      }
      int from = 0;
      for (int i = 0; i < line.length(); i++) {
        if (line.startsWith("$$", i)) {
          dollar = !dollar;
          i++;
        } else if (line.charAt(i) == ';' && !dollar) {
          current.append(line, from, i);
          if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
          }
          current.setLength(0);
          from = i + 1;
        }
      }
      current.append(line, from, line.length()).append('\n');
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}
