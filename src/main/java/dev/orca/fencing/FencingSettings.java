package dev.orca.fencing;

import com.typesafe.config.Config;
import dev.orca.boot.PersistenceConfig;
import java.time.Duration;

/** {@code orca.fencing}: the writer lease and the fencer, on when the journal is shared (PostgreSQL). */
public record FencingSettings(
    boolean enabled,
    String writerName,
    Duration leaseTtl,
    Duration renewInterval,
    Duration safetyMargin,
    Duration flushLockTimeout,
    Duration settleTimeout,
    boolean traceCommands) {

  /** Where the writer's name (its connections' application_name) is kept in the configuration. */
  public static final String WRITER_NAME = "orca.fencing.writer-name";

  public static FencingSettings from(Config config) {
    Config f = config.getConfig("orca.fencing");
    String enabled = f.getString("enabled");
    boolean on = switch (enabled) {
      case "auto" -> PersistenceConfig.kind(config) == PersistenceConfig.Kind.POSTGRES;
      case "on", "true" -> true;
      case "off", "false" -> false;
      default -> throw new IllegalArgumentException("orca.fencing.enabled must be auto, on or off, not '" + enabled + "'");
    };
    FencingSettings settings = new FencingSettings(on && config.hasPath(WRITER_NAME),
        config.hasPath(WRITER_NAME) ? config.getString(WRITER_NAME) : "",
        f.getDuration("lease-ttl"), f.getDuration("renew-interval"), f.getDuration("safety-margin"),
        f.getDuration("flush-lock-timeout"), f.getDuration("settle-timeout"), f.getBoolean("trace-commands"));
    if (settings.enabled && settings.localValidity().compareTo(settings.renewInterval) <= 0) {
      throw new IllegalArgumentException("orca.fencing: lease-ttl - safety-margin must exceed renew-interval");
    }
    return settings;
  }

  /** How long after a renewal was sent this JVM counts its lease as held. */
  public Duration localValidity() {
    return leaseTtl.minus(safetyMargin);
  }

  /**
   * A fresh writer name for a JVM about to start: at most 63 characters (PostgreSQL's limit on
   * application_name), unique per start.
   */
  public static String newWriterName(String member) {
    String who = member == null || member.isBlank() ? "solo" : member.replaceAll("[^A-Za-z0-9_.-]", "_");
    if (who.length() > 32) {
      who = who.substring(0, 32);
    }
    return "orca-writer-" + who + "-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
  }
}
