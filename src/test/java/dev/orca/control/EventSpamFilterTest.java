package dev.orca.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventSpamFilterTest {

  private static final long MINUTE = 60_000_000_000L;

  private static int allowed(EventSpamFilter filter, String source, String uid, int tries, long now) {
    int n = 0;
    for (int i = 0; i < tries; i++) {
      if (filter.allow(source, uid, now)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aComponentRecordsABurstAboutOneObjectThenOneEveryRefill() {
    EventSpamFilter filter = new EventSpamFilter(25, 5 * MINUTE, 4096);
    assertEquals(25, allowed(filter, "replicaset-controller", "rs-1", 5000, 0), "5,000 SuccessfulCreate: 25 written");
    assertFalse(filter.allow("replicaset-controller", "rs-1", 4 * MINUTE));
    assertTrue(filter.allow("replicaset-controller", "rs-1", 5 * MINUTE));
    assertFalse(filter.allow("replicaset-controller", "rs-1", 5 * MINUTE));
  }

  @Test
  void eachObjectAndEachComponentHasItsOwnBucket() {
    EventSpamFilter filter = new EventSpamFilter(25, 5 * MINUTE, 4096);
    allowed(filter, "replicaset-controller", "rs-1", 25, 0);
    assertTrue(filter.allow("replicaset-controller", "rs-2", 0));
    assertTrue(filter.allow("default-scheduler", "rs-1", 0));
  }

  @Test
  void onlyTheMostRecentlyUsedBucketsAreKept() {
    EventSpamFilter filter = new EventSpamFilter(1, 5 * MINUTE, 2);
    assertTrue(filter.allow("c", "a", 0));
    assertFalse(filter.allow("c", "a", 0));
    assertTrue(filter.allow("c", "b", 0));
    assertTrue(filter.allow("c", "d", 0));
    assertTrue(filter.allow("c", "a", 0), "a's bucket was forgotten: it starts full again, as in client-go's LRU");
  }
}
