package dev.orca.control;

import dev.orca.model.Event;
import dev.orca.model.EventSource;
import dev.orca.model.KubeObject;
import dev.orca.model.ObjectMeta;
import dev.orca.model.ObjectReference;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Records Kubernetes Events (kind Event) for controllers, the scheduler and node agents, as
 * client-go's recorder does: the same reason and message about the same object within the
 * aggregation window bumps the count of one Event instead of writing a new one, and a component
 * records at most a burst of Events about one object, then one every few minutes
 * ({@link EventSpamFilter}). Recording only
 * tells the Event's entity; it never blocks and never fails the caller.
 */
public final class EventRecorder implements Extension {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  private record Seen(String name, int count, String firstTimestamp, Instant at) {}

  /** How many recent Events are remembered for aggregation before old ones are swept. */
  static final int REMEMBERED = 10_000;

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final boolean enabled;
  private final Duration window;
  private final EventSpamFilter spamFilter;
  /** How many (component, object) pairs the spam filter keeps buckets for, as client-go. */
  static final int SPAM_REMEMBERED = 4096;
  private final Map<String, Seen> recent = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong(System.nanoTime());
  private final AtomicLong lastSweep = new AtomicLong();

  private EventRecorder(ActorSystem<?> system) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.enabled = system.settings().config().getBoolean("orca.events.enabled");
    this.window = system.settings().config().getDuration("orca.events.aggregation-window");
    this.spamFilter = new EventSpamFilter(system.settings().config().getInt("orca.events.spam-burst"),
        system.settings().config().getDuration("orca.events.spam-refill").toNanos(), SPAM_REMEMBERED);
  }

  public static EventRecorder get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** An Event about {@code object}, reported by {@code component} (e.g. default-scheduler, kubelet). */
  public void record(KubeObject object, String fieldPath, String type, String reason, String message, String component,
      String host) {
    if (!enabled || object == null || object.metadata() == null || object.metadata().name() == null) {
      return;
    }
    ObjectMeta involvedMeta = object.metadata();
    synchronized (spamFilter) {
      if (!spamFilter.allow(component, involvedMeta.uid(), System.nanoTime())) {
        return;
      }
    }
    String namespace = involvedMeta.namespace() == null || involvedMeta.namespace().isEmpty()
        ? "default" : involvedMeta.namespace();
    Instant now = Instant.now();
    String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
    String key = involvedMeta.uid() + "|" + fieldPath + "|" + type + "|" + reason + "|" + message;
    Seen seen = recent.compute(key, (k, previous) -> previous != null && previous.at().plus(window).isAfter(now)
        ? new Seen(previous.name(), previous.count() + 1, previous.firstTimestamp(), now)
        : new Seen(involvedMeta.name() + "." + Long.toHexString(sequence.incrementAndGet()), 1, timestamp, now));
    forgetOld(now);
    ObjectReference involved = new ObjectReference(object.apiVersion(), object.kind(), involvedMeta.namespace(),
        involvedMeta.name(), involvedMeta.uid(), involvedMeta.resourceVersion(), fieldPath);
    Event event = new Event(Event.API_VERSION, Event.KIND, ObjectMeta.named(namespace, seen.name()), involved, reason,
        message, type, seen.count(), seen.firstTimestamp(), timestamp, new EventSource(component, host), component,
        host == null ? component : host);
    ObjectKey eventKey = new ObjectKey(ResourceType.EVENT, namespace, seen.name());
    ObjectEntity.Command command = seen.count() == 1
        ? new ObjectEntity.Create(event, system.ignoreRef())
        : new ObjectEntity.Update(event, -1, false, system.ignoreRef());
    Entities.tell(sharding, eventKey, command);
  }

  /**
   * Keeps the aggregation memory bounded: past {@link #REMEMBERED} entries, those older than the
   * window go — at most once a second, since a sweep walks them all (sweeping on every record, as
   * it once did, cost 10 % of the CPU while 13,000 pods started within one window). If the window
   * still holds more than twice as many, they are all forgotten: later repeats start a new Event
   * instead of counting on an old one, which is all that aggregation saves.
   */
  private void forgetOld(Instant now) {
    long nowMillis = now.toEpochMilli();
    long last = lastSweep.get();
    if (recent.size() <= REMEMBERED || nowMillis - last < 1000 || !lastSweep.compareAndSet(last, nowMillis)) {
      return;
    }
    recent.values().removeIf(s -> s.at().plus(window).isBefore(now));
    if (recent.size() > 2 * REMEMBERED) {
      recent.clear();
    }
  }

  /** An Event about an object, with no field path and no host. */
  public void record(KubeObject object, String type, String reason, String message, String component) {
    record(object, null, type, reason, message, component, null);
  }

  private static final class Id extends ExtensionId<EventRecorder> {
    static final Id INSTANCE = new Id();

    @Override
    public EventRecorder createExtension(ActorSystem<?> system) {
      return new EventRecorder(system);
    }
  }
}
