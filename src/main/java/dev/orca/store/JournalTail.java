package dev.orca.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import dev.orca.db.JournalSchema;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the event journal in global {@code ordering} order — one stream over every object,
 * no tags — and feeds the watch cache. It runs on its own thread because JDBC blocks; it is woken
 * by {@link JournalSignal} after local writes and polls at a slow interval otherwise.
 *
 * <p>A hole in {@code ordering} is either a transaction still in flight (another writer) or a
 * rolled-back insert. The tail waits for a hole up to {@code gapTimeout} when the row after it
 * was written recently, and treats older holes as permanent, so it never skips an event that is
 * about to commit and never stalls on one that never will. Once caught up it also waits
 * {@code gapTimeout} from the moment it first saw the hole: a row's {@code write_timestamp} is
 * taken when its journal received it, so a write that queued in a busy journal would otherwise
 * arrive already "old" and leave the other JVMs' commits less than the window.
 *
 * <p>On PostgreSQL with {@code listen}, a second thread LISTENs on the journal trigger's channel
 * and wakes the tail at every commit of any JVM.
 */
public final class JournalTail implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(JournalTail.class);
  private static final String QUERY = "SELECT \"ordering\", \"persistence_id\", \"sequence_number\", \"write_timestamp\","
      + " \"event_ser_id\", \"event_ser_manifest\", \"event_payload\" FROM \"event_journal\""
      + " WHERE \"ordering\" > ? ORDER BY \"ordering\" LIMIT ?";

  /** Turns a stored payload back into an event; null for events that are not object events. */
  public interface Decoder {
    Object decode(byte[] payload, int serializerId, String manifest);
  }

  private final StoreSettings settings;
  private final WatchCache cache;
  private final JournalSignal signal;
  private final Decoder decoder;
  private final Function<String, Boolean> isObjectStream;
  private volatile boolean running = true;
  private volatile boolean reachable = true;
  private volatile boolean listening;
  private final List<Runnable> outageListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Thread thread;
  private Thread listener;
  private long applied;
  private boolean live;
  private long holeAfter = -1;
  private long holeSeenAtNanos;

  public JournalTail(StoreSettings settings, WatchCache cache, JournalSignal signal, Decoder decoder) {
    this.settings = settings;
    this.cache = cache;
    this.signal = signal;
    this.decoder = decoder;
    this.isObjectStream = pid -> pid.indexOf('|') > 0;
  }

  /**
   * A connection to the journal database. On PostgreSQL with timeouts, so that a database that
   * stops answering (not only one that refuses) makes the tail retry and report it unreachable.
   */
  private Connection connect() throws SQLException {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("user", settings.user());
    properties.setProperty("password", settings.password());
    if (settings.jdbcUrl().startsWith("jdbc:postgresql:")) {
      properties.setProperty("connectTimeout", "5");
      properties.setProperty("socketTimeout", "30");
    }
    return DriverManager.getConnection(settings.jdbcUrl(), properties);
  }

  public void start() {
    thread = new Thread(this, "orca-journal-tail");
    thread.setDaemon(true);
    thread.start();
    if (settings.listen()) {
      listener = new Thread(this::listen, "orca-journal-listen");
      listener.setDaemon(true);
      listener.start();
    }
  }

  public void stop() {
    running = false;
    signal.wake();
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public void run() {
    while (running) {
      try (Connection connection = connect()) {
        connection.setReadOnly(true);
        follow(connection);
      } catch (SQLException e) {
        if (running) {
          if (reachable) {
            log.warn("journal tail lost its connection, retrying: {}", e.getMessage());
            reachable = false;
            outageListeners.forEach(JournalTail::runQuietly);
          }
          sleepQuietly(settings.pollIntervalMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        log.error("journal tail failed, retrying", e);
        sleepQuietly(settings.pollIntervalMillis());
      }
    }
  }

  /** Wakes the tail whenever any JVM's journal write commits (PostgreSQL LISTEN/NOTIFY). */
  private void listen() {
    while (running) {
      try (Connection connection = connect()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + JournalSchema.NOTIFY_CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        listening = true;
        signal.wake(); // whatever committed before LISTEN took effect
        while (running) {
          PGNotification[] notifications = pg.getNotifications(1000);
          if (notifications != null && notifications.length > 0) {
            signal.wake();
          }
        }
      } catch (SQLException e) {
        if (running && listening) {
          log.warn("journal listener lost its connection, retrying: {}", e.getMessage());
        }
      } catch (RuntimeException e) {
        log.error("journal listener failed, retrying", e);
      }
      listening = false;
      if (running) {
        sleepQuietly(settings.pollIntervalMillis());
      }
    }
  }

  /**
   * Whether the tail's last query reached the journal database. False from its first failed query
   * until it reads again: the database is down or cut off, and a write would not be stored.
   */
  public boolean reachable() {
    return reachable;
  }

  /** Runs {@code listener} on the tail's thread each time the tail loses the journal database; keep it short. */
  public void onOutage(Runnable listener) {
    outageListeners.add(listener);
  }

  private static void runQuietly(Runnable listener) {
    try {
      listener.run();
    } catch (RuntimeException e) {
      log.error("a journal outage listener failed", e);
    }
  }

  /** Whether the LISTEN connection is up (always false without {@code listen}). */
  public boolean listening() {
    return listening;
  }

  private void follow(Connection connection) throws SQLException, InterruptedException {
    try (PreparedStatement query = connection.prepareStatement(QUERY)) {
      while (running) {
        int read = readBatch(query);
        if (read < 0) {
          signal.await(Math.min(settings.pollIntervalMillis(), 10));
        } else if (read < settings.batchSize()) {
          if (!cache.caughtUp().toCompletableFuture().isDone()) {
            live = true;
            cache.markCaughtUp();
            log.info("watch cache caught up with the journal at resourceVersion {}", applied);
          }
          signal.await(settings.pollIntervalMillis());
        }
      }
    }
  }

  /** Reads and applies one batch; returns the rows read, or -1 when stopped at a fresh hole. */
  private int readBatch(PreparedStatement query) throws SQLException {
    query.setLong(1, applied);
    query.setInt(2, settings.batchSize());
    List<JournalRow> rows = new ArrayList<>();
    long upTo = applied;
    int read = 0;
    boolean stoppedAtHole = false;
    try (ResultSet rs = query.executeQuery()) {
      if (!reachable) {
        log.info("journal tail reaches the journal again at resourceVersion {}", applied);
        reachable = true;
      }
      while (rs.next()) {
        long ordering = rs.getLong(1);
        long writtenAt = rs.getLong(4);
        if (ordering != upTo + 1 && waitForHole(upTo, writtenAt)) {
          stoppedAtHole = true;
          break;
        }
        read++;
        upTo = ordering;
        String persistenceId = rs.getString(2);
        if (!isObjectStream.apply(persistenceId)) {
          continue;
        }
        Object event;
        try {
          event = decoder.decode(rs.getBytes(7), rs.getInt(5), rs.getString(6));
        } catch (Exception e) {
          log.error("cannot decode journal event {} of {}; the read side skips it", ordering, persistenceId, e);
          continue;
        }
        if (event instanceof ObjectEvent objectEvent) {
          rows.add(new JournalRow(ordering, ObjectKey.fromPersistenceId(persistenceId), rs.getLong(3), objectEvent));
        }
      }
    }
    if (upTo > applied) {
      cache.apply(rows, upTo);
      applied = upTo;
    }
    return stoppedAtHole && read == 0 ? -1 : read;
  }

  /** Whether the hole after {@code upTo}, followed by a row written at {@code writtenAt}, may still fill. */
  private boolean waitForHole(long upTo, long writtenAt) {
    long gap = settings.gapTimeoutMillis();
    if (System.currentTimeMillis() - writtenAt < gap) {
      return true;
    }
    if (!live) {
      return false;
    }
    if (holeAfter != upTo) {
      holeAfter = upTo;
      holeSeenAtNanos = System.nanoTime();
    }
    return System.nanoTime() - holeSeenAtNanos < gap * 1_000_000L;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
