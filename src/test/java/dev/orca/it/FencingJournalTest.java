package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.fencing.FenceDecision;
import dev.orca.fencing.WriterTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The journal's fencing trigger and the fencer's statements on a real PostgreSQL: a registered
 * writer's events are stamped with its id; once fenced, its inserts are refused; a transaction it
 * held open across the fence (a frozen JVM) is ended by the flush and never commits; connections
 * that are not writers are not checked.
 */
@ExtendWith(TestPostgres.Resolver.class)
class FencingJournalTest {
  private static final Duration TTL = Duration.ofSeconds(3);

  @Test
  void aFencedWriterCannotWriteAndItsOpenTransactionIsEnded(TestPostgres postgres) throws Exception {
    String url = postgres.newDatabase();
    try (Connection fencer = writer(url, "orca-writer-fencer");
        Connection stale = writer(url, "orca-writer-stale");
        Connection frozen = writer(url, "orca-writer-stale");
        Connection tool = writer(url, "psql")) {
      long staleId = WriterTable.register(fencer, "orca-writer-stale", "orca-2", "pekko://orca@127.0.0.1:2", 2, TTL);
      WriterTable.register(fencer, "orca-writer-fencer", "orca-1", "pekko://orca@127.0.0.1:1", 1, TTL);
      assertTrue(WriterTable.renew(stale, staleId, TTL));

      insert(stale, "Pod|default/a", 1);
      assertEquals(staleId, writerOf(fencer, "Pod|default/a", 1), "an accepted event carries its writer");

      // a frozen JVM: its transaction has passed the check and holds its rows, not yet committed
      frozen.setAutoCommit(false);
      insert(frozen, "Pod|default/b", 1);

      WriterTable.fence(fencer, staleId, "member orca-2 was downed");
      assertTrue(!WriterTable.renew(stale, staleId, TTL), "a fenced writer's lease cannot be renewed");
      SQLException refused = assertThrows(SQLException.class, () -> insert(stale, "Pod|default/a", 2));
      assertTrue(refused.getMessage().contains("was fenced"), refused.getMessage());

      FenceDecision.Writer row = WriterTable.unsettled(fencer, -1).stream().filter(w -> w.id() == staleId).findFirst()
          .orElseThrow();
      int ended = WriterTable.flush(fencer, row, true, Duration.ofSeconds(5));
      assertTrue(ended >= 2, "the flush ended the stale writer's sessions: " + ended);
      assertThrows(SQLException.class, frozen::commit, "the frozen transaction never commits");
      assertEquals(0, count(fencer, "SELECT count(*) FROM event_journal WHERE persistence_id = 'Pod|default/b'"));
      assertEquals(1, count(fencer, "SELECT count(*) FROM event_journal WHERE orca_writer = " + staleId),
          "the stale writer's rows are those it wrote before the fence");

      insert(tool, "Pod|default/c", 1); // not a writer: not checked
      assertEquals(List.of(), WriterTable.unsettled(fencer, -1).stream()
          .filter(w -> w.id() == staleId && !w.flushed()).toList(), "the stale writer is flushed");
    }
  }

  private static Connection writer(String url, String applicationName) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", TestPostgres.USER);
    props.setProperty("password", TestPostgres.PASSWORD);
    props.setProperty("ApplicationName", applicationName);
    return DriverManager.getConnection(url, props);
  }

  private static void insert(Connection c, String persistenceId, long seq) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO event_journal (persistence_id, sequence_number, "
        + "deleted, writer, write_timestamp, adapter_manifest, event_ser_id, event_ser_manifest, event_payload) "
        + "VALUES (?, ?, false, 'w', 0, '', 1, 'm', ?)")) {
      s.setString(1, persistenceId);
      s.setLong(2, seq);
      s.setBytes(3, new byte[] {1});
      s.executeUpdate();
    }
  }

  private static long writerOf(Connection c, String persistenceId, long seq) throws SQLException {
    return count(c, "SELECT orca_writer FROM event_journal WHERE persistence_id = '" + persistenceId
        + "' AND sequence_number = " + seq);
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
