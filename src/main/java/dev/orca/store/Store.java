package dev.orca.store;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * The read side of one JVM as a Pekko extension: the watch cache, the journal tail feeding it,
 * and the signal entities use to wake the tail after they persist.
 */
public final class Store implements Extension {
  private final WatchCache cache;
  private final JournalSignal signal = new JournalSignal();
  private final JournalTail tail;
  private final StoreSettings settings;

  private Store(ActorSystem<?> system) {
    this.settings = StoreSettings.from(system.settings().config());
    this.cache = new WatchCache(settings.watchWindow());
    Serialization serialization = SerializationExtension.get(system.classicSystem());
    this.tail = new JournalTail(settings, cache, signal,
        (payload, serializerId, manifest) -> serialization.deserialize(payload, serializerId, manifest).get());
  }

  public static Store get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** Starts following the journal; the schema must exist. */
  public void start() {
    tail.start();
  }

  public void stop() {
    tail.stop();
  }

  /** Whether the journal database answered the tail's last query (see {@link JournalTail#reachable()}). */
  public boolean journalReachable() {
    return tail.reachable();
  }

  /** Runs {@code listener} each time the tail loses the journal database (see {@link JournalTail#onOutage}). */
  public void onJournalOutage(Runnable listener) {
    tail.onOutage(listener);
  }

  /** Whether the tail LISTENs for other JVMs' commits right now (PostgreSQL with listen on). */
  public boolean listening() {
    return tail.listening();
  }

  public WatchCache cache() {
    return cache;
  }

  public JournalSignal signal() {
    return signal;
  }

  public StoreSettings settings() {
    return settings;
  }

  private static final class Id extends ExtensionId<Store> {
    static final Id INSTANCE = new Id();

    @Override
    public Store createExtension(ActorSystem<?> system) {
      return new Store(system);
    }
  }
}
