package dev.orca.store;

import com.typesafe.config.Config;
import java.util.concurrent.TimeUnit;

/** The read side's settings, from {@code orca.store} and the journal's database. */
public record StoreSettings(String jdbcUrl, String user, String password, long gapTimeoutMillis,
    long pollIntervalMillis, int batchSize, int watchWindow, int watcherBuffer) {

  public static StoreSettings from(Config config) {
    Config db = config.getConfig("pekko-persistence-jdbc.shared-databases.slick.db");
    Config store = config.getConfig("orca.store");
    return new StoreSettings(
        db.getString("url"),
        db.getString("user"),
        db.getString("password"),
        store.getDuration("gap-timeout", TimeUnit.MILLISECONDS),
        store.getDuration("poll-interval", TimeUnit.MILLISECONDS),
        store.getInt("tail-batch-size"),
        store.getInt("watch-window"),
        store.getInt("watcher-buffer"));
  }
}
