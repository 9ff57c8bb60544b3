package dev.orca.fencing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements on table {@code orca_writer} (postgres-journal.sql). Blocking JDBC: called only
 * from the fencing threads of {@link WriterLease}, never from an actor.
 */
public final class WriterTable {
  /** The advisory lock class of writer locks ('orca'); the object is hashtext(writer name). */
  public static final int LOCK_CLASS = 1869767521;

  private WriterTable() {}

  /** Registers a writer with a lease of {@code ttl}; returns its id. */
  public static long register(Connection c, String name, String member, String address, long uid, Duration ttl)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO orca_writer (name, member, address, uid, expires_at) "
        + "VALUES (?, ?, ?, ?, clock_timestamp() + make_interval(secs => ?)) RETURNING id")) {
      s.setString(1, name);
      s.setString(2, member);
      s.setString(3, address);
      s.setLong(4, uid);
      s.setDouble(5, ttl.toMillis() / 1000.0);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Extends the lease; false when the writer has been fenced. */
  public static boolean renew(Connection c, long id, Duration ttl) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE orca_writer SET expires_at = clock_timestamp() "
        + "+ make_interval(secs => ?) WHERE id = ? AND fenced_at IS NULL")) {
      s.setDouble(1, ttl.toMillis() / 1000.0);
      s.setLong(2, id);
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Every other writer that is not fenced, flushed and expired: the ones a fencer may have to act
   * on or wait for.
   */
  public static List<FenceDecision.Writer> unsettled(Connection c, long self) throws SQLException {
    List<FenceDecision.Writer> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, name, member, address, uid, fenced_at IS NOT NULL, "
        + "flushed_at IS NOT NULL, ceil(extract(epoch FROM expires_at - clock_timestamp()) * 1000)::bigint "
        + "FROM orca_writer WHERE id <> ? AND (flushed_at IS NULL OR expires_at > clock_timestamp())")) {
      s.setLong(1, self);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new FenceDecision.Writer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getLong(5), rs.getBoolean(6), rs.getBoolean(7), rs.getLong(8)));
        }
      }
    }
    return out;
  }

  /** Fences a writer: from its commit on, the trigger refuses every write of that writer. */
  public static void fence(Connection c, long id, String reason) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE orca_writer SET fenced_at = clock_timestamp(), reason = ? WHERE id = ? AND fenced_at IS NULL")) {
      s.setString(1, reason.length() > 255 ? reason.substring(0, 255) : reason);
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  /**
   * Ends a fenced writer's sessions and waits (up to {@code lockTimeout}) for its transactions
   * that passed the trigger's check before the fence, holding the writer's lock exclusively; then
   * marks it flushed. Throws when the wait times out (the caller tries again).
   */
  public static int flush(Connection c, FenceDecision.Writer writer, boolean endSessions, Duration lockTimeout)
      throws SQLException {
    int ended = 0;
    if (endSessions) {
      try (PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
          + "FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
        s.setString(1, writer.name());
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          ended = rs.getInt(1);
        }
      }
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement();
        PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))");
        PreparedStatement mark = c.prepareStatement(
            "UPDATE orca_writer SET flushed_at = clock_timestamp() WHERE id = ? AND flushed_at IS NULL")) {
      st.execute("SET LOCAL lock_timeout = " + Math.max(1, lockTimeout.toMillis()));
      lock.setInt(1, LOCK_CLASS);
      lock.setString(2, writer.name());
      lock.execute();
      mark.setLong(1, writer.id());
      mark.executeUpdate();
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
    return ended;
  }

  /** A writer leaving on purpose: fenced, flushed and expired now, so no one waits for it. */
  public static void release(Connection c, FenceDecision.Writer self, Duration lockTimeout) throws SQLException {
    fence(c, self.id(), "released at shutdown");
    flush(c, self, false, lockTimeout);
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE orca_writer SET expires_at = least(expires_at, clock_timestamp()) WHERE id = ?")) {
      s.setLong(1, self.id());
      s.executeUpdate();
    }
  }

  /** Forgets writers that left long ago. */
  public static void prune(Connection c, Duration age) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM orca_writer WHERE flushed_at IS NOT NULL "
        + "AND expires_at < clock_timestamp() - make_interval(secs => ?)")) {
      s.setDouble(1, age.toSeconds());
      s.executeUpdate();
    }
  }
}
