package dev.orca.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The node lease's clock, told the time: grace, eviction, startup grace and the wait for a member that has not joined. */
class NodeLeaseTest {
  private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
  private static final Duration GRACE = Duration.ofSeconds(4);
  private static final Duration EVICTION = Duration.ofSeconds(1);
  private static final Duration AFTER_START = Duration.ofSeconds(2);
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration MEMBER_WAIT = Duration.ofMinutes(5);

  private static NodeLease startedAt(Instant now) {
    return new NodeLease(GRACE, EVICTION, Duration.ZERO, AFTER_START, STARTUP, MEMBER_WAIT, now);
  }

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void aNewIncarnationWaitsGraceAfterStartThenTheEvictionDelay() {
    NodeLease lease = startedAt(T0);
    assertFalse(lease.expired(at(2)));
    assertTrue(lease.expired(T0.plusMillis(2001)));
    assertFalse(lease.evictable(at(3)));
    assertTrue(lease.evictable(T0.plusMillis(3001)));
  }

  @Test
  void heartbeatsRenewIt() {
    NodeLease lease = startedAt(T0);
    lease.heartbeat(at(10));
    assertFalse(lease.expired(at(14)));
    assertTrue(lease.expired(T0.plusMillis(14_001)));
  }

  @Test
  void aNodeFromBeforeTheStartIsNotLostWithinTheStartupGrace() {
    NodeLease lease = startedAt(at(1));
    lease.existedBefore(T0);
    assertFalse(lease.expired(at(60)));
    assertTrue(lease.expired(T0.plusMillis(60_001)));
    assertTrue(lease.evictable(T0.plusMillis(61_001)));
  }

  @Test
  void aMemberNotJoinedYetHoldsTheLeaseUntilStartupGraceAfterItWasLastSeenMissing() {
    NodeLease lease = startedAt(T0);
    lease.existedBefore(T0);
    for (long s = 1; s <= 150; s++) { // the member joins after 150 s: each check while it is missing holds the lease
      assertTrue(lease.awaitMember(at(s), T0));
      assertFalse(lease.expired(at(s)), "held at " + s + " s");
    }
    assertFalse(lease.expired(at(210)), "startup grace from the last check that missed the member");
    assertTrue(lease.expired(T0.plusMillis(210_001)), "its agent never heard: the lease runs out");
    lease.heartbeat(at(200));
    assertFalse(lease.expired(at(204)));
  }

  @Test
  void theWaitForAMemberEndsMemberWaitAfterTheJvmStarted() {
    NodeLease lease = startedAt(T0);
    assertFalse(lease.awaitMember(at(300), T0), "5 min after the start a missing member is not waited for");
    assertTrue(lease.expired(at(300)));
    assertTrue(lease.evictable(at(300)));
  }

  @Test
  void aSlowRecoveryDoesNotEatTheGraceAfterStart() {
    NodeLease lease = startedAt(T0);
    lease.recovered(at(30)); // recovering took 30 s, the agent's heartbeats waiting meanwhile
    assertFalse(lease.expired(at(32)));
    assertTrue(lease.expired(T0.plusMillis(32_001)));
  }

  @Test
  void timeSpentWritingDoesNotAgeTheLease() {
    NodeLease lease = startedAt(T0);
    lease.heartbeat(at(10));
    lease.blocked(at(11), at(25)); // a write that took 14 s; the heartbeats of those seconds queued behind it
    assertFalse(lease.expired(at(25)), "only the 1 s before the write counts");
    assertFalse(lease.expired(at(27)));
    assertTrue(lease.expired(T0.plusMillis(28_001)), "aged again from the end of the write");
    lease.heartbeat(at(30));
    lease.blocked(at(30), at(31));
    assertFalse(lease.expired(at(35)), "never later than the end of the write");
    assertTrue(lease.expired(T0.plusMillis(35_001)));
  }

  @Test
  void aDownedMemberEndsTheLeaseAtOnceAndIsNotWaitedForAgain() {
    NodeLease lease = startedAt(T0);
    lease.heartbeat(at(1));
    assertTrue(lease.memberGone(at(2)));
    assertFalse(lease.memberGone(at(3)), "only the first notice counts");
    assertTrue(lease.expired(at(2)));
    assertTrue(lease.evictable(at(2)));
    assertFalse(lease.awaitMember(at(3), T0), "removed, then missing: not a member yet to come");
    assertTrue(lease.expired(at(3)));
    lease.registered(at(4)); // a new incarnation at that address announces the node
    assertFalse(lease.expired(at(5)));
  }
}
