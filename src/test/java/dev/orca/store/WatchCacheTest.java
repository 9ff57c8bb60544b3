package dev.orca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.Container;
import dev.orca.model.KubeObject;
import dev.orca.model.Node;
import dev.orca.model.ObjectMeta;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.PodSpec;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetSpec;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectEvent.ObjectCreated;
import dev.orca.store.ObjectEvent.ObjectDeleted;
import dev.orca.store.ObjectEvent.ObjectUpdated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchCacheTest {

  private final WatchCache cache = new WatchCache(100);

  // ---- objects ------------------------------------------------------------------------------

  private static Pod pod(String namespace, String name, String nodeName, String... ownerUids) {
    List<OwnerReference> owners = new ArrayList<>();
    for (String uid : ownerUids) {
      owners.add(new OwnerReference(ReplicaSet.API_VERSION, ReplicaSet.KIND, "rs-" + uid, uid, true, true));
    }
    ObjectMeta meta = ObjectMeta.named(namespace, name)
        .withUid("uid-" + namespace + "-" + name)
        .withLabels(Map.of("app", name.startsWith("web") ? "web" : "other"))
        .withOwnerReferences(owners.isEmpty() ? null : owners);
    PodSpec spec = new PodSpec(List.of(new Container("c", "nginx:1", null, null, null, null, null, null, null, null,
        null, null)), nodeName, null, null, null, "Always", null, null, null);
    return new Pod(Pod.API_VERSION, Pod.KIND, meta, spec, null);
  }

  private static ReplicaSet replicaSet(String namespace, String name, String uid) {
    return new ReplicaSet(ReplicaSet.API_VERSION, ReplicaSet.KIND, ObjectMeta.named(namespace, name).withUid(uid),
        new ReplicaSetSpec(1, null, null, null), null);
  }

  private static Node node(String name) {
    return new Node(Node.API_VERSION, Node.KIND, ObjectMeta.named(null, name).withUid("uid-node-" + name), null, null);
  }

  private static JournalRow created(long ordering, long seqNr, KubeObject object) {
    return new JournalRow(ordering, ObjectKey.of(object), seqNr, new ObjectCreated(object));
  }

  private static JournalRow updated(long ordering, long seqNr, KubeObject object) {
    return new JournalRow(ordering, ObjectKey.of(object), seqNr, new ObjectUpdated(object));
  }

  private static JournalRow deleted(long ordering, long seqNr, KubeObject object) {
    return new JournalRow(ordering, ObjectKey.of(object), seqNr, new ObjectDeleted(object));
  }

  private void apply(JournalRow... rows) {
    cache.apply(List.of(rows), rows[rows.length - 1].ordering());
  }

  private static List<String> names(List<? extends KubeObject> objects) {
    return objects.stream().map(o -> o.metadata().name()).sorted().toList();
  }

  private static List<Long> versions(List<Change> changes) {
    return changes.stream().map(Change::resourceVersion).toList();
  }

  /** Records the changes it receives. */
  private static final class Recorder implements WatchCache.Listener {
    final List<Change> changes = new ArrayList<>();

    @Override
    public boolean onChange(Change change) {
      changes.add(change);
      return true;
    }
  }

  // ---- get, list and resourceVersion --------------------------------------------------------

  @Test
  void createUpdateDeleteShowInGetAndListWithTheirResourceVersion() {
    Pod web = pod("default", "web", null);
    ObjectKey key = ObjectKey.of(web);

    apply(created(3, 1, web));
    StoredObject stored = cache.get(key);
    assertEquals("3", stored.object().metadata().resourceVersion());
    assertEquals(3, stored.resourceVersion());
    assertEquals(1, stored.sequenceNr());
    assertEquals(web.spec(), ((Pod) stored.object()).spec());
    assertEquals(3, cache.resourceVersion());

    Pod bound = pod("default", "web", "node-1");
    apply(updated(8, 2, bound));
    assertEquals("8", cache.getObject(key).metadata().resourceVersion());
    assertEquals("node-1", ((Pod) cache.getObject(key)).spec().nodeName());
    assertEquals(2, cache.get(key).sequenceNr());
    WatchCache.Snapshot list = cache.list(ResourceType.POD, "default", o -> true);
    assertEquals(8, list.resourceVersion());
    assertEquals(1, list.items().size());
    assertEquals("8", list.items().get(0).object().metadata().resourceVersion());

    apply(deleted(9, 3, bound));
    assertNull(cache.get(key));
    assertNull(cache.getObject(key));
    assertTrue(cache.list(ResourceType.POD, null, o -> true).items().isEmpty());
    assertTrue(cache.all(ResourceType.POD).isEmpty());
    assertEquals(9, cache.resourceVersion());
  }

  @Test
  void theEventsObjectIsNotModifiedWhenTheResourceVersionIsFilledIn() {
    Pod web = pod("default", "web", null);
    apply(created(4, 1, web));
    assertNull(web.metadata().resourceVersion());
    assertEquals("4", cache.getObject(ObjectKey.of(web)).metadata().resourceVersion());
  }

  @Test
  void resourceVersionAdvancesToTheOrderingReadEvenWithoutObjectEvents() {
    apply(created(2, 1, pod("default", "web", null)));
    cache.apply(List.of(), 17);
    assertEquals(17, cache.resourceVersion());
    assertEquals(17, cache.list(ResourceType.POD, null, o -> true).resourceVersion());
    // an older upTo never moves it back
    cache.apply(List.of(), 5);
    assertEquals(17, cache.resourceVersion());
  }

  @Test
  void listKeepsToTheNamespaceAndFilterAndSortsByName() {
    apply(
        created(1, 1, pod("a", "web-2", null)),
        created(2, 1, pod("a", "web-1", null)),
        created(3, 1, pod("a", "db", null)),
        created(4, 1, pod("b", "web-1", null)),
        created(5, 1, replicaSet("a", "web", "rs-uid")));

    WatchCache.Snapshot inA = cache.list(ResourceType.POD, "a", o -> true);
    assertEquals(List.of("a/db", "a/web-1", "a/web-2"), inA.items().stream().map(s -> s.key().entityId()).toList());
    assertEquals(5, inA.resourceVersion());

    WatchCache.Snapshot webInA = cache.list(ResourceType.POD, "a",
        o -> "web".equals(o.metadata().labelsOrEmpty().get("app")));
    assertEquals(List.of("a/web-1", "a/web-2"), webInA.items().stream().map(s -> s.key().entityId()).toList());

    WatchCache.Snapshot webEverywhere = cache.list(ResourceType.POD, null,
        o -> "web".equals(o.metadata().labelsOrEmpty().get("app")));
    assertEquals(List.of("a/web-1", "a/web-2", "b/web-1"),
        webEverywhere.items().stream().map(s -> s.key().entityId()).toList());

    assertTrue(cache.list(ResourceType.POD, "c", o -> true).items().isEmpty());
    assertEquals(1, cache.list(ResourceType.REPLICA_SET, "a", o -> true).items().size());
  }

  @Test
  void aPageWalksOnlyItsNamespaceEvenWhereNamesShareAPrefix() {
    // "a-b/" < "a/" < "ab/" as strings: the namespace "a" sits between the other two
    apply(
        created(1, 1, pod("ab", "x", null)),
        created(2, 1, pod("a", "web-2", null)),
        created(3, 1, pod("a-b", "x", null)),
        created(4, 1, pod("a", "web-1", null)),
        created(5, 1, pod("a", "db", null)));

    WatchCache.Page first = cache.page(ResourceType.POD, "a", o -> true, null, 2);
    assertEquals(List.of("a/db", "a/web-1"), ids(first.items()));
    assertTrue(first.more());
    assertEquals(3, first.inScope());
    WatchCache.Page second = cache.page(ResourceType.POD, "a", o -> true, "a/web-1", 2);
    assertEquals(List.of("a/web-2"), ids(second.items()));
    assertFalse(second.more());
    // a continue point outside the namespace starts at or ends the namespace's range
    assertEquals(List.of("a/db"), ids(cache.page(ResourceType.POD, "a", o -> true, "a-b/x", 1).items()));
    assertTrue(cache.page(ResourceType.POD, "a", o -> true, "ab/x", 1).items().isEmpty());
    assertEquals(List.of("a-b/x", "a/db", "a/web-1", "a/web-2", "ab/x"),
        ids(cache.list(ResourceType.POD, null, o -> true).items()));
  }

  @Test
  void aPageThatFillsExactlyAtTheLastMatchHasNoMore() {
    apply(created(1, 1, pod("a", "web-1", null)), created(2, 1, pod("a", "db", null)),
        created(3, 1, pod("a", "web-2", null)));

    WatchCache.Page web = cache.page(ResourceType.POD, "a", o -> "web".equals(o.metadata().labelsOrEmpty().get("app")),
        null, 2);
    assertEquals(List.of("a/web-1", "a/web-2"), ids(web.items()));
    assertFalse(web.more(), "nothing after the page matches");
  }

  @Test
  void pagesReadBackToBackAreTheListAndCountsFollowCreatesAndDeletes() {
    java.util.Random random = new java.util.Random(7);
    List<Pod> live = new ArrayList<>();
    long ordering = 0;
    for (int i = 0; i < 600; i++) {
      if (!live.isEmpty() && random.nextInt(4) == 0) {
        apply(deleted(++ordering, 2, live.remove(random.nextInt(live.size()))));
      } else {
        Pod p = pod("ns-" + random.nextInt(5), (random.nextBoolean() ? "web-" : "db-") + i, null);
        live.add(p);
        apply(created(++ordering, 1, p));
      }
    }
    for (String namespace : java.util.Arrays.asList(null, "ns-0", "ns-3", "ns-9")) {
      for (int limit : new int[] {1, 7, 100, 1000}) {
        java.util.function.Predicate<KubeObject> web = o -> "web".equals(o.metadata().labelsOrEmpty().get("app"));
        List<String> paged = new ArrayList<>();
        String after = null;
        WatchCache.Page page;
        do {
          page = cache.page(ResourceType.POD, namespace, web, after, limit);
          assertTrue(page.items().size() <= limit);
          paged.addAll(ids(page.items()));
          after = page.items().isEmpty() ? null : page.items().get(page.items().size() - 1).key().entityId();
        } while (page.more());
        assertEquals(ids(cache.list(ResourceType.POD, namespace, web).items()), paged, namespace + " by " + limit);
        List<String> expected = live.stream().filter(web)
            .filter(p -> namespace == null || namespace.equals(p.metadata().namespace()))
            .map(p -> ObjectKey.of(p).entityId()).sorted().toList();
        assertEquals(expected, paged);
        long inScope = live.stream().filter(p -> namespace == null || namespace.equals(p.metadata().namespace())).count();
        assertEquals(inScope, page.inScope());
      }
    }
  }

  private static List<String> ids(List<StoredObject> items) {
    return items.stream().map(s -> s.key().entityId()).toList();
  }

  // ---- indexes ------------------------------------------------------------------------------

  @Test
  void podsOnNodeFollowsBindingMovesAndDeletion() {
    apply(created(1, 1, node("node-1")), created(2, 1, node("node-2")), created(3, 1, pod("default", "web", null)));
    assertTrue(cache.podsOnNode("node-1").isEmpty());

    apply(updated(4, 2, pod("default", "web", "node-1")));
    List<Pod> onNode1 = cache.podsOnNode("node-1");
    assertEquals(List.of("web"), names(onNode1));
    assertEquals("4", onNode1.get(0).metadata().resourceVersion());

    apply(created(5, 1, pod("other", "web", "node-1")));
    assertEquals(2, cache.podsOnNode("node-1").size());

    apply(updated(6, 3, pod("default", "web", "node-2")));
    assertEquals(List.of("other"), cache.podsOnNode("node-1").stream().map(p -> p.metadata().namespace()).toList());
    assertEquals(List.of("default"), cache.podsOnNode("node-2").stream().map(p -> p.metadata().namespace()).toList());

    apply(deleted(7, 4, pod("default", "web", "node-2")), deleted(8, 2, pod("other", "web", "node-1")));
    assertTrue(cache.podsOnNode("node-1").isEmpty());
    assertTrue(cache.podsOnNode("node-2").isEmpty());
  }

  @Test
  void dependentsFollowOwnerReferencesAndKind() {
    apply(
        created(1, 1, replicaSet("default", "a", "uid-a")),
        created(2, 1, replicaSet("default", "b", "uid-b")),
        created(3, 1, pod("default", "web-1", null, "uid-a")),
        created(4, 1, pod("default", "web-2", null, "uid-a", "uid-b")));

    assertEquals(List.of("web-1", "web-2"), names(cache.dependents("uid-a", Pod.class)));
    assertEquals(List.of("web-2"), names(cache.dependents("uid-b", Pod.class)));
    assertTrue(cache.dependents("uid-a", ReplicaSet.class).isEmpty(), "only dependents of the asked kind");
    assertTrue(cache.dependents("uid-nobody", Pod.class).isEmpty());

    // web-1 is adopted by b; web-2 is orphaned by a
    apply(updated(5, 2, pod("default", "web-1", null, "uid-b")), updated(6, 2, pod("default", "web-2", null, "uid-b")));
    assertTrue(cache.dependents("uid-a", Pod.class).isEmpty());
    assertEquals(List.of("web-1", "web-2"), names(cache.dependents("uid-b", Pod.class)));
    assertEquals("5", cache.dependents("uid-b", Pod.class).stream()
        .filter(p -> p.metadata().name().equals("web-1")).findFirst().orElseThrow().metadata().resourceVersion());

    // every owner dropped
    apply(updated(7, 3, pod("default", "web-1", null)));
    assertEquals(List.of("web-2"), names(cache.dependents("uid-b", Pod.class)));

    apply(deleted(8, 3, pod("default", "web-2", null, "uid-b")));
    assertTrue(cache.dependents("uid-b", Pod.class).isEmpty());
  }

  @Test
  void uidExistsUntilTheObjectIsDeleted() {
    Pod web = pod("default", "web", null);
    String uid = web.metadata().uid();
    assertFalse(cache.uidExists(uid));
    apply(created(1, 1, web));
    assertTrue(cache.uidExists(uid));
    apply(updated(2, 2, pod("default", "web", "node-1")));
    assertTrue(cache.uidExists(uid));
    apply(deleted(3, 3, web));
    assertFalse(cache.uidExists(uid));

    // a new object of the same name has a new uid
    Pod again = web.withMetadata(web.metadata().withUid("uid-second"));
    apply(created(4, 4, again));
    assertFalse(cache.uidExists(uid));
    assertTrue(cache.uidExists("uid-second"));
  }

  @Test
  void inNamespaceHoldsEveryNamespacedKindButNoClusterScopedOne() {
    apply(
        created(1, 1, node("node-1")),
        created(2, 1, replicaSet("a", "web", "uid-rs")),
        created(3, 1, pod("a", "web-1", null, "uid-rs")),
        created(4, 1, pod("b", "web-1", null)));

    List<String> inA = cache.inNamespace("a").stream().map(s -> s.key().persistenceId()).sorted().toList();
    assertEquals(List.of("Pod|a/web-1", "ReplicaSet|a/web"), inA);
    assertEquals(1, cache.inNamespace("b").size());
    assertTrue(cache.inNamespace("").isEmpty(), "cluster-scoped objects are in no namespace");

    apply(deleted(5, 2, pod("a", "web-1", null, "uid-rs")));
    assertEquals(List.of("ReplicaSet|a/web"),
        cache.inNamespace("a").stream().map(s -> s.key().persistenceId()).toList());
  }

  // ---- awaitApplied -------------------------------------------------------------------------

  @Test
  void awaitAppliedCompletesAtOnceWhenTheEventIsAlreadyApplied() {
    Pod web = pod("default", "web", null);
    apply(created(1, 1, web), updated(2, 2, pod("default", "web", "node-1")));
    String pid = ObjectKey.of(web).persistenceId();

    CompletableFuture<StoredObject> first = cache.awaitApplied(pid, 1).toCompletableFuture();
    assertTrue(first.isDone());
    // the object as it is now, which is at least that event
    assertEquals(2, first.join().sequenceNr());
    assertTrue(cache.awaitApplied(pid, 2).toCompletableFuture().isDone());
  }

  @Test
  void awaitAppliedCompletesOnceTheEventIsApplied() {
    Pod web = pod("default", "web", null);
    String pid = ObjectKey.of(web).persistenceId();

    CompletableFuture<StoredObject> creation = cache.awaitApplied(pid, 1).toCompletableFuture();
    CompletableFuture<StoredObject> binding = cache.awaitApplied(pid, 2).toCompletableFuture();
    assertFalse(creation.isDone());

    apply(created(1, 1, web));
    assertTrue(creation.isDone());
    assertEquals(1, creation.join().sequenceNr());
    assertEquals("1", creation.join().object().metadata().resourceVersion());
    assertFalse(binding.isDone());

    // another object's event does not complete it
    apply(created(2, 1, pod("default", "other", null)));
    assertFalse(binding.isDone());

    apply(updated(3, 2, pod("default", "web", "node-1")));
    assertTrue(binding.isDone());
    assertEquals("node-1", ((Pod) binding.join().object()).spec().nodeName());
    assertEquals(3, binding.join().resourceVersion());
  }

  @Test
  void awaitAppliedCompletesWithNullForADeletion() {
    Pod web = pod("default", "web", null);
    String pid = ObjectKey.of(web).persistenceId();
    apply(created(1, 1, web));

    CompletableFuture<StoredObject> deletion = cache.awaitApplied(pid, 2).toCompletableFuture();
    assertFalse(deletion.isDone());
    apply(deleted(2, 2, web));
    assertTrue(deletion.isDone());
    assertNull(deletion.join());

    CompletableFuture<StoredObject> late = cache.awaitApplied(pid, 2).toCompletableFuture();
    assertTrue(late.isDone());
    assertNull(late.join());
  }

  @Test
  void awaitAppliedCompletesOnceTheStreamIsPastTheEvent() {
    Pod web = pod("default", "web", null);
    String pid = ObjectKey.of(web).persistenceId();
    CompletableFuture<StoredObject> waiting = cache.awaitApplied(pid, 1).toCompletableFuture();
    apply(created(1, 2, web));
    assertTrue(waiting.isDone());
    assertEquals(2, waiting.join().sequenceNr());
  }

  // ---- watches ------------------------------------------------------------------------------

  @Test
  void watchFromReplaysTheRetainedChangesAfterTheVersionThenLiveOnesWithNothingTwice() {
    Pod web = pod("default", "web", null);
    apply(created(1, 1, web), created(2, 1, pod("default", "db", null)));
    apply(updated(3, 2, pod("default", "web", "node-1")));

    Recorder recorder = new Recorder();
    cache.watchFrom(1, recorder);
    assertEquals(List.of(2L, 3L), versions(recorder.changes));

    apply(deleted(4, 3, pod("default", "web", "node-1")), created(5, 1, pod("default", "cache", null)));
    assertEquals(List.of(2L, 3L, 4L, 5L), versions(recorder.changes));

    Change update = recorder.changes.get(1);
    assertEquals(ObjectKey.of(web), update.key());
    assertEquals("1", update.previous().object().metadata().resourceVersion());
    assertEquals("3", update.current().object().metadata().resourceVersion());
    assertFalse(update.isDeletion());

    Change deletion = recorder.changes.get(2);
    assertTrue(deletion.isDeletion());
    assertNull(deletion.current());
    // a deletion carries the last state at the deletion's resourceVersion
    assertEquals("4", deletion.latest().object().metadata().resourceVersion());
    assertEquals("node-1", ((Pod) deletion.latest().object()).spec().nodeName());

    Change creation = recorder.changes.get(3);
    assertNull(creation.previous());
    assertEquals("5", creation.current().object().metadata().resourceVersion());
  }

  @Test
  void watchFromTheCurrentVersionReceivesOnlyLiveChanges() {
    apply(created(1, 1, pod("default", "web", null)));
    Recorder recorder = new Recorder();
    cache.watchFrom(cache.resourceVersion(), recorder);
    assertTrue(recorder.changes.isEmpty());
    apply(updated(2, 2, pod("default", "web", "node-1")));
    assertEquals(List.of(2L), versions(recorder.changes));
  }

  @Test
  void watchFromAListSnapshotMissesNothingAndRepeatsNothing() {
    apply(created(1, 1, pod("default", "a", null)), created(2, 1, pod("default", "b", null)));
    WatchCache.Snapshot snapshot = cache.list(ResourceType.POD, "default", o -> true);
    apply(created(3, 1, pod("default", "c", null)));

    Recorder recorder = new Recorder();
    cache.watchFrom(snapshot.resourceVersion(), recorder);
    apply(created(4, 1, pod("default", "d", null)));

    List<String> seen = new ArrayList<>(snapshot.items().stream().map(s -> s.key().name()).toList());
    recorder.changes.forEach(c -> seen.add(c.key().name()));
    assertEquals(List.of("a", "b", "c", "d"), seen);
  }

  @Test
  void watchFromBeforeTheWindowIsExpired() {
    WatchCache small = new WatchCache(3);
    for (int i = 1; i <= 5; i++) {
      small.apply(List.of(created(i * 10L, 1, pod("default", "p" + i, null))), i * 10L);
    }
    // the window holds 30, 40, 50: the change at 20 is gone

    ExpiredException expired = assertThrows(ExpiredException.class, () -> small.watchFrom(10, new Recorder()));
    assertEquals(10, expired.requested());
    assertEquals(20, expired.oldest());
    assertThrows(ExpiredException.class, () -> small.watchFrom(0, new Recorder()));
    assertThrows(ExpiredException.class, () -> small.watchFrom(19, new Recorder()));

    Recorder fromEvicted = new Recorder();
    small.watchFrom(20, fromEvicted);
    assertEquals(List.of(30L, 40L, 50L), versions(fromEvicted.changes));

    Recorder between = new Recorder();
    small.watchFrom(35, between);
    assertEquals(List.of(40L, 50L), versions(between.changes));
  }

  @Test
  void aWatchThatWasValidExpiresOnceTheWindowMovesPastIt() {
    WatchCache small = new WatchCache(2);
    small.apply(List.of(created(1, 1, pod("default", "p1", null))), 1);
    small.apply(List.of(created(2, 1, pod("default", "p2", null))), 2);
    small.watchFrom(0, new Recorder());
    small.apply(List.of(created(3, 1, pod("default", "p3", null))), 3);
    assertThrows(ExpiredException.class, () -> small.watchFrom(0, new Recorder()));
    small.watchFrom(1, new Recorder());
  }

  @Test
  void aListenerThatReturnsFalseIsUnsubscribed() {
    List<Change> received = new ArrayList<>();
    cache.subscribe(change -> {
      received.add(change);
      return false;
    });
    Recorder other = new Recorder();
    cache.subscribe(other);

    apply(created(1, 1, pod("default", "a", null)));
    apply(created(2, 1, pod("default", "b", null)));
    assertEquals(List.of(1L), versions(received));
    assertEquals(List.of(1L, 2L), versions(other.changes), "the other listener keeps receiving");
  }

  @Test
  void aWatchListenerThatReturnsFalseDuringReplayGetsNoLiveChanges() {
    apply(created(1, 1, pod("default", "a", null)), created(2, 1, pod("default", "b", null)),
        created(3, 1, pod("default", "c", null)));
    List<Change> received = new ArrayList<>();
    cache.watchFrom(0, change -> {
      received.add(change);
      return change.resourceVersion() < 2;
    });
    apply(created(4, 1, pod("default", "d", null)));
    assertEquals(List.of(1L, 2L), versions(received));
  }

  @Test
  void aClosedSubscriptionReceivesNothingMore() {
    Recorder watch = new Recorder();
    Recorder plain = new Recorder();
    WatchCache.Subscription watching = cache.watchFrom(0, watch);
    WatchCache.Subscription subscribed = cache.subscribe(plain);
    apply(created(1, 1, pod("default", "a", null)));
    watching.close();
    subscribed.close();
    apply(created(2, 1, pod("default", "b", null)));
    assertEquals(List.of(1L), versions(watch.changes));
    assertEquals(List.of(1L), versions(plain.changes));
  }

  @Test
  void listenersReceiveChangesInJournalOrder() {
    Recorder recorder = new Recorder();
    cache.subscribe(recorder);
    apply(created(5, 1, pod("default", "a", null)), created(6, 1, pod("default", "b", null)),
        updated(9, 2, pod("default", "a", "node-1")));
    assertEquals(List.of(5L, 6L, 9L), versions(recorder.changes));
    assertSame(cache.get(ObjectKey.of(pod("default", "a", null))), recorder.changes.get(2).current());
  }

  // ---- caughtUp -----------------------------------------------------------------------------

  @Test
  void caughtUpCompletesWithTheResourceVersionOnceMarked() throws Exception {
    CompletableFuture<Long> caughtUp = cache.caughtUp().toCompletableFuture();
    apply(created(7, 1, pod("default", "a", null)));
    assertFalse(caughtUp.isDone());
    cache.markCaughtUp();
    assertEquals(7L, caughtUp.get(1, TimeUnit.SECONDS));
    // later changes do not alter it
    apply(created(8, 1, pod("default", "b", null)));
    cache.markCaughtUp();
    assertEquals(7L, cache.caughtUp().toCompletableFuture().join());
  }
}
