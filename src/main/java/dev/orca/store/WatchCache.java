package dev.orca.store;

import dev.orca.model.KubeObject;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.ResourceType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The read side: an in-memory, indexed copy of every object, built from the journal in ordering
 * order by {@link JournalTail}, and a bounded window of recent changes for watches.
 *
 * <p>One thread applies changes (the tail); any thread reads. Reads of single objects and indexes
 * need no lock; a list snapshot and a watch start take the same lock as apply, so a watch from a
 * list's resourceVersion misses nothing and sees nothing twice.
 */
public final class WatchCache {
  /** Receives changes in journal order, on the tail's thread: it must not block. */
  public interface Listener {
    /** @return false to unsubscribe */
    boolean onChange(Change change);
  }

  /** A registered listener; close it to stop receiving changes. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** The objects of a list, in key order, and the resourceVersion they were read at. */
  public record Snapshot(List<StoredObject> items, long resourceVersion) {}

  /**
   * Up to a page of a list, in key order: whether more objects match after it, and how many
   * objects of the type the list's scope (namespace or cluster) holds, filter aside.
   */
  public record Page(List<StoredObject> items, long resourceVersion, boolean more, int inScope) {}

  private final Object lock = new Object();
  private final Map<ResourceType, ConcurrentHashMap<ObjectKey, StoredObject>> byType = new EnumMap<>(ResourceType.class);
  /**
   * Every key of a kind in entity-id order, so a list or a page walks a range instead of sorting
   * the kind (written, and walked by {@link #page}, under the lock); the objects are read from
   * {@link #byType}, so only a create or a delete walks the skip list, not every update (its put
   * cost 3 % of the control plane's CPU filling 150,000 pods).
   */
  private final Map<ResourceType, NavigableSet<ObjectKey>> sorted = new EnumMap<>(ResourceType.class);
  private final Map<ResourceType, Map<String, Integer>> countByNamespace = new EnumMap<>(ResourceType.class);
  private final ConcurrentHashMap<String, Set<ObjectKey>> podsByNode = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<ObjectKey>> byOwnerUid = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ObjectKey> byUid = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> lastSequenceNr = new ConcurrentHashMap<>();
  private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Change> window = new ArrayDeque<>();
  private final int windowSize;
  private final CompletableFuture<Long> caughtUp = new CompletableFuture<>();
  private volatile java.time.Instant caughtUpAt;
  private volatile long resourceVersion;
  private long lastEvicted;

  private record Waiter(long sequenceNr, CompletableFuture<StoredObject> future) {}

  public WatchCache(int windowSize) {
    this.windowSize = windowSize;
    for (ResourceType type : ResourceType.values()) {
      byType.put(type, new ConcurrentHashMap<>());
      sorted.put(type, new ConcurrentSkipListSet<>(ObjectKey.BY_ENTITY_ID));
      countByNamespace.put(type, new HashMap<>());
    }
  }

  /** The ordering of the last applied journal event: the resourceVersion of a list read now. */
  public long resourceVersion() {
    return resourceVersion;
  }

  /** Completes once the cache has read the whole journal as it was at start-up. */
  public CompletionStage<Long> caughtUp() {
    return caughtUp;
  }

  /**
   * When the cache caught up with the journal (this JVM's control plane could act from then on:
   * its agents start, node leases count), or null before.
   */
  public java.time.Instant caughtUpAt() {
    return caughtUpAt;
  }

  void markCaughtUp() {
    if (caughtUpAt == null) {
      caughtUpAt = java.time.Instant.now();
    }
    caughtUp.complete(resourceVersion);
  }

  public StoredObject get(ObjectKey key) {
    return byType.get(key.type()).get(key);
  }

  public KubeObject getObject(ObjectKey key) {
    StoredObject stored = get(key);
    return stored == null ? null : stored.object();
  }

  /** Whether an object with this uid exists now. */
  public boolean uidExists(String uid) {
    return byUid.containsKey(uid);
  }

  public Collection<StoredObject> all(ResourceType type) {
    return byType.get(type).values();
  }

  /** A consistent list of one type, optionally in one namespace, filtered, in key order. */
  public Snapshot list(ResourceType type, String namespace, Predicate<KubeObject> filter) {
    Page all = page(type, namespace, filter, null, Integer.MAX_VALUE);
    return new Snapshot(all.items(), all.resourceVersion());
  }

  /**
   * Up to {@code limit} objects of a list, in key order, from the first whose entity id sorts after
   * {@code afterEntityId} (from the start when null). Walks only the scope's range and stops one
   * match past the page: a page of a large kind costs its own size, not the kind's.
   */
  public Page page(ResourceType type, String namespace, Predicate<KubeObject> filter, String afterEntityId, int limit) {
    synchronized (lock) {
      NavigableSet<ObjectKey> range = sorted.get(type);
      ObjectKey start = namespace == null ? null : new ObjectKey(type, namespace, "");
      if (afterEntityId != null) {
        ObjectKey after = ObjectKey.fromEntityId(type, afterEntityId);
        range = start != null && ObjectKey.BY_ENTITY_ID.compare(after, start) < 0
            ? range.tailSet(start, true) : range.tailSet(after, false);
      } else if (start != null) {
        range = range.tailSet(start, true);
      }
      Map<ObjectKey, StoredObject> objects = byType.get(type);
      List<StoredObject> items = new ArrayList<>(Math.min(limit, 1024));
      boolean more = false;
      for (ObjectKey key : range) {
        if (namespace != null && !namespace.equals(key.namespace())) {
          break; // a namespace's keys are contiguous: "ns/" prefixes them all
        }
        StoredObject s = objects.get(key); // never null: both change together, under the lock
        if (filter.test(s.object())) {
          if (items.size() == limit) {
            more = true;
            break;
          }
          items.add(s);
        }
      }
      int inScope = namespace == null ? byType.get(type).size()
          : countByNamespace.get(type).getOrDefault(namespace, 0);
      return new Page(items, resourceVersion, more, inScope);
    }
  }

  /** The pods bound to a node. */
  public List<Pod> podsOnNode(String nodeName) {
    return resolve(podsByNode.get(nodeName), Pod.class);
  }

  /** The objects of a type whose ownerReferences name this uid. */
  public <T extends KubeObject> List<T> dependents(String ownerUid, Class<T> type) {
    return resolve(byOwnerUid.get(ownerUid), type);
  }

  /**
   * The uids that some object names as its owner (a live view, safe to iterate while the cache
   * changes): for a sweep that looks at the objects with owners, not at every object.
   */
  public Set<String> ownerUids() {
    return java.util.Collections.unmodifiableSet(byOwnerUid.keySet());
  }

  /** Every object of every kind in a namespace. */
  public List<StoredObject> inNamespace(String namespace) {
    List<StoredObject> out = new ArrayList<>();
    for (ResourceType type : ResourceType.values()) {
      if (type.namespaced()) {
        Map<ObjectKey, StoredObject> objects = byType.get(type);
        for (ObjectKey key : sorted.get(type).tailSet(new ObjectKey(type, namespace, ""), true)) {
          if (!namespace.equals(key.namespace())) {
            break;
          }
          StoredObject s = objects.get(key);
          if (s != null) { // deleted since the key was read (this walk does not hold the lock)
            out.add(s);
          }
        }
      }
    }
    return out;
  }

  private <T extends KubeObject> List<T> resolve(Set<ObjectKey> keys, Class<T> type) {
    List<T> out = new ArrayList<>();
    if (keys != null) {
      for (ObjectKey key : keys) {
        StoredObject s = get(key);
        if (s != null && type.isInstance(s.object())) {
          out.add(type.cast(s.object()));
        }
      }
    }
    return out;
  }

  /**
   * Completes with the object's stored version once the event with this sequence number of its
   * stream has been applied (null when that event deleted it).
   */
  public CompletionStage<StoredObject> awaitApplied(String persistenceId, long sequenceNr) {
    synchronized (lock) {
      Long applied = lastSequenceNr.get(persistenceId);
      if (applied != null && applied >= sequenceNr) {
        return CompletableFuture.completedFuture(get(ObjectKey.fromPersistenceId(persistenceId)));
      }
      CompletableFuture<StoredObject> future = new CompletableFuture<>();
      waiters.computeIfAbsent(persistenceId, k -> new ArrayList<>()).add(new Waiter(sequenceNr, future));
      return future;
    }
  }

  /**
   * Runs {@code action} with the current resourceVersion while no change is being applied, so
   * whatever it sends is ordered with the changes listeners receive (watch bookmarks).
   */
  public void atConsistentPoint(java.util.function.LongConsumer action) {
    synchronized (lock) {
      action.accept(resourceVersion);
    }
  }

  /** Receives every change from now on. */
  public Subscription subscribe(Listener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Replays the retained changes after {@code fromResourceVersion}, then receives every later
   * change, with nothing lost or repeated in between.
   *
   * @throws ExpiredException when changes after that version have already left the window
   */
  public Subscription watchFrom(long fromResourceVersion, Listener listener) {
    synchronized (lock) {
      if (fromResourceVersion < lastEvicted) {
        throw new ExpiredException(fromResourceVersion, lastEvicted);
      }
      for (Change change : window) {
        if (change.resourceVersion() > fromResourceVersion && !listener.onChange(change)) {
          return () -> {};
        }
      }
      listeners.add(listener);
      return () -> listeners.remove(listener);
    }
  }

  /** Applies journal events in ordering order. Called by the journal tail only. */
  void apply(List<JournalRow> rows, long upToOrdering) {
    List<Runnable> completions = new ArrayList<>();
    synchronized (lock) {
      for (JournalRow row : rows) {
        Change change = applyOne(row);
        window.addLast(change);
        if (window.size() > windowSize) {
          lastEvicted = window.removeFirst().resourceVersion();
        }
        for (Listener listener : listeners) {
          if (!listener.onChange(change)) {
            listeners.remove(listener);
          }
        }
        completeWaiters(row, change, completions);
      }
      resourceVersion = Math.max(resourceVersion, upToOrdering);
    }
    completions.forEach(Runnable::run);
  }

  private Change applyOne(JournalRow row) {
    ObjectKey key = row.key();
    ConcurrentHashMap<ObjectKey, StoredObject> objects = byType.get(key.type());
    StoredObject previous = objects.get(key);
    StoredObject current = null;
    if (previous != null) {
      unindex(previous);
    }
    if (row.event() instanceof ObjectEvent.ObjectDeleted) {
      if (objects.remove(key) != null) {
        sorted.get(key.type()).remove(key);
        countByNamespace.get(key.type()).merge(key.namespace(), -1, (a, b) -> a + b == 0 ? null : a + b);
      }
    } else {
      KubeObject object = row.event().object();
      object = object.withMetadata(object.metadata().withResourceVersion(Long.toString(row.ordering())));
      current = new StoredObject(key, object, row.ordering(), row.sequenceNr());
      objects.put(key, current);
      if (previous == null && sorted.get(key.type()).add(key)) {
        countByNamespace.get(key.type()).merge(key.namespace(), 1, Integer::sum);
      }
      index(current);
    }
    lastSequenceNr.put(key.persistenceId(), row.sequenceNr());
    resourceVersion = row.ordering();
    if (current == null && previous != null) {
      // a deletion is delivered with the object's last state at the deletion's resourceVersion
      KubeObject last = row.event().object();
      previous = new StoredObject(key,
          last.withMetadata(last.metadata().withResourceVersion(Long.toString(row.ordering()))),
          row.ordering(), row.sequenceNr());
    }
    return new Change(key, previous, current, row.ordering());
  }

  private void completeWaiters(JournalRow row, Change change, List<Runnable> completions) {
    List<Waiter> pending = waiters.get(row.key().persistenceId());
    if (pending == null) {
      return;
    }
    pending.removeIf(w -> {
      if (w.sequenceNr() <= row.sequenceNr()) {
        StoredObject result = change.current();
        completions.add(() -> w.future().complete(result));
        return true;
      }
      return false;
    });
    if (pending.isEmpty()) {
      waiters.remove(row.key().persistenceId());
    }
  }

  private void index(StoredObject s) {
    KubeObject o = s.object();
    if (o.metadata().uid() != null) {
      byUid.put(o.metadata().uid(), s.key());
    }
    for (OwnerReference ref : o.metadata().ownerReferencesOrEmpty()) {
      byOwnerUid.computeIfAbsent(ref.uid(), k -> ConcurrentHashMap.newKeySet()).add(s.key());
    }
    if (o instanceof Pod pod && pod.spec() != null && pod.spec().nodeName() != null) {
      podsByNode.computeIfAbsent(pod.spec().nodeName(), k -> ConcurrentHashMap.newKeySet()).add(s.key());
    }
  }

  private void unindex(StoredObject s) {
    KubeObject o = s.object();
    if (o.metadata().uid() != null) {
      byUid.remove(o.metadata().uid(), s.key());
    }
    for (OwnerReference ref : o.metadata().ownerReferencesOrEmpty()) {
      removeFromIndex(byOwnerUid, ref.uid(), s.key());
    }
    if (o instanceof Pod pod && pod.spec() != null && pod.spec().nodeName() != null) {
      removeFromIndex(podsByNode, pod.spec().nodeName(), s.key());
    }
  }

  private static void removeFromIndex(ConcurrentHashMap<String, Set<ObjectKey>> index, String k, ObjectKey key) {
    index.computeIfPresent(k, (ignored, set) -> {
      set.remove(key);
      return set.isEmpty() ? null : set;
    });
  }
}
