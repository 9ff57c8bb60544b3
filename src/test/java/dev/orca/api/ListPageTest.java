package dev.orca.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.store.ObjectKey;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ListPageTest {
  private final List<StoredObject> pods = new ArrayList<>();
  private final AtomicLong version = new AtomicLong(40);

  ListPageTest() {
    for (int i = 0; i < 5; i++) {
      add("p" + i);
    }
  }

  private void add(String name) {
    Pod pod = new Pod(Pod.API_VERSION, Pod.KIND, ObjectMeta.named("ns", name), null, null);
    pods.add(new StoredObject(ObjectKey.of(pod), pod, version.incrementAndGet(), 1));
  }

  /** Reads the test's pods as the watch cache would: in key order after a key, one match past the page. */
  private WatchCache.Page read(String after, int limit) {
    List<StoredObject> from = pods.stream()
        .filter(s -> after == null || s.key().compareToEntityId(after) > 0)
        .sorted((a, b) -> ObjectKey.BY_ENTITY_ID.compare(a.key(), b.key())).toList();
    return new WatchCache.Page(from.subList(0, Math.min(limit, from.size())), version.get(), from.size() > limit,
        pods.size());
  }

  private static List<String> names(ListPage page) {
    return page.items().stream().map(s -> s.key().name()).toList();
  }

  @Test
  void withoutALimitTheWholeListIsOnePage() {
    ListPage page = ListPage.of(this::read, null, null, true);
    assertEquals(List.of("p0", "p1", "p2", "p3", "p4"), names(page));
    assertNull(page.continueToken());
    assertNull(page.remainingItemCount());
  }

  @Test
  void pagesCarryTheFirstVersionAndCountWhatIsLeft() {
    ListPage first = ListPage.of(this::read, 2, null, true);
    assertEquals(List.of("p0", "p1"), names(first));
    assertEquals(45, first.resourceVersion());
    assertEquals(3L, first.remainingItemCount());

    add("p5"); // the store moves on between pages
    ListPage second = ListPage.of(this::read, 2, first.continueToken(), true);
    assertEquals(List.of("p2", "p3"), names(second));
    assertEquals(45, second.resourceVersion(), "later pages answer at the first page's version");
    assertEquals(2L, second.remainingItemCount());

    ListPage last = ListPage.of(this::read, 2, second.continueToken(), true);
    assertEquals(List.of("p4", "p5"), names(last));
    assertNull(last.continueToken());
  }

  @Test
  void aSelectedListLeavesTheRemainingCountUnset() {
    ListPage first = ListPage.of(this::read, 2, null, false);
    assertEquals(2, first.items().size());
    assertNull(first.remainingItemCount());
  }

  @Test
  void aTokenThatIsNotOursIsABadRequest() {
    for (String bad : List.of("not-a-token", encode("12:p1"), encode("12:-3:ns/p1"), encode("x:1:ns/p1"))) {
      ApiException e = assertThrows(ApiException.class, () -> ListPage.of(this::read, 2, bad, true), bad);
      assertEquals(400, e.code());
    }
  }

  private static String encode(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void countsNeverSayNothingIsLeftWhenThereIsAnotherPage() {
    ListPage first = ListPage.of(this::read, 2, null, true);
    pods.removeIf(s -> s.key().name().equals("p4") || s.key().name().equals("p3")); // deletions shrink the scope
    pods.remove(0);
    ListPage second = ListPage.of((after, limit) -> {
      WatchCache.Page page = read(after, 1);
      return new WatchCache.Page(page.items(), page.resourceVersion(), true, page.inScope());
    }, 1, first.continueToken(), true);
    assertEquals(1L, second.remainingItemCount(), "2 left in scope, 2 served: still one, as there is a next page");
  }
}
