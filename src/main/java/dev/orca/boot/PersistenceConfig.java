package dev.orca.boot;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Chooses the journal's database from {@code orca.journal.kind}: the settings of the plugin's
 * shared slick database that follow from it, to lay over conf/persistence.conf.
 */
public final class PersistenceConfig {
  private static final String DB = "pekko-persistence-jdbc.shared-databases.slick.";

  private PersistenceConfig() {}

  public enum Kind { H2, POSTGRES }

  public static Kind kind(Config config) {
    String kind = config.getString("orca.journal.kind");
    return switch (kind) {
      case "h2" -> Kind.H2;
      case "postgres", "postgresql" -> Kind.POSTGRES;
      default -> throw new IllegalArgumentException("orca.journal.kind must be h2 or postgres, not '" + kind + "'");
    };
  }

  /**
   * H2 in a file; WRITE_DELAY=0 so that an acknowledged write survives kill -9. The plugin's H2
   * schema keeps event payloads in BLOB columns, which H2 stores apart from the row (its LOB maps,
   * more pages written per commit, a cleaner thread) unless they are shorter than
   * MAX_LENGTH_INPLACE_LOB, 256 bytes by default: a pod's event is a few KB. Kept in the row up to
   * {@link #H2_INPLACE_LOB} bytes, inserts committed two at a time ran 30-70 % faster.
   */
  public static String h2Url(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("orca") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
        + ";MAX_LENGTH_INPLACE_LOB=" + H2_INPLACE_LOB;
  }

  /** Event payloads up to this many bytes are kept in the journal row on H2 (larger ones, rare, in its LOB store). */
  static final int H2_INPLACE_LOB = 131_072;

  /**
   * The journal url with this JVM's writer name as the connections' application_name, which the
   * journal's fencing trigger checks (dev.orca.fencing); unchanged when fencing is off.
   */
  static String withWriterName(String url, Config config) {
    dev.orca.fencing.FencingSettings fencing = dev.orca.fencing.FencingSettings.from(config);
    if (!fencing.enabled()) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + fencing.writerName();
  }

  /** The slick settings for {@code config}'s journal kind; the data directory places H2's file. */
  public static Map<String, Object> database(Config config, Path dataDir) {
    Map<String, Object> values = new HashMap<>();
    switch (kind(config)) {
      case H2 -> values.put(DB + "db.url", h2Url(dataDir));
      case POSTGRES -> {
        Config pg = config.getConfig("orca.journal.postgres");
        values.put(DB + "profile", "slick.jdbc.PostgresProfile$");
        values.put(DB + "db.driver", "org.postgresql.Driver");
        values.put(DB + "db.url", withWriterName(pg.getString("url"), config));
        values.put(DB + "db.user", pg.getString("user"));
        values.put(DB + "db.password", pg.getString("password"));
        long connectionTimeout = pg.getDuration("connection-timeout").toMillis();
        values.put(DB + "db.connectionTimeout", connectionTimeout);
        values.put(DB + "db.validationTimeout", Math.max(250, connectionTimeout / 2));
      }
    }
    return values;
  }
}
