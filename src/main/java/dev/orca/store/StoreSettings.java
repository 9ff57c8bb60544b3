package dev.orca.store;

import com.typesafe.config.Config;
import java.util.concurrent.TimeUnit;

/**
 * The read side's settings, from {@code orca.store} and the journal's database. On PostgreSQL
 * ({@code orca.journal.kind = postgres}) the gap timeout is {@code orca.journal.postgres.gap-timeout},
 * and {@code listen} says whether the tail LISTENs for the journal trigger's NOTIFY.
 */
public record StoreSettings(String jdbcUrl, String user, String password, long gapTimeoutMillis,
    long pollIntervalMillis, int batchSize, int watchWindow, int watcherBuffer, boolean listen) {

  public static StoreSettings from(Config config) {
    Config db = config.getConfig("pekko-persistence-jdbc.shared-databases.slick.db");
    Config store = config.getConfig("orca.store");
    boolean postgres = config.getString("orca.journal.kind").startsWith("postgres");
    Config pg = config.getConfig("orca.journal.postgres");
    return new StoreSettings(
        db.getString("url"),
        db.getString("user"),
        db.getString("password"),
        (postgres ? pg : store).getDuration("gap-timeout", TimeUnit.MILLISECONDS),
        store.getDuration("poll-interval", TimeUnit.MILLISECONDS),
        store.getInt("tail-batch-size"),
        store.getInt("watch-window"),
        store.getInt("watcher-buffer"),
        postgres && pg.getBoolean("listen"));
  }
}
