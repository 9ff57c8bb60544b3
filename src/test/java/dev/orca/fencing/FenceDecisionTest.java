package dev.orca.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.fencing.FenceDecision.Incarnation;
import dev.orca.fencing.FenceDecision.Writer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FenceDecisionTest {
  private static Writer writer(long id, boolean fenced, boolean flushed, long remaining) {
    return new Writer(id, "orca-writer-m" + id, "m" + id, "pekko://orca@127.0.0.1:" + id, id, fenced, flushed, remaining);
  }

  private static Incarnation of(Writer w) {
    return new Incarnation(w.address(), w.uid());
  }

  @Test
  void liveWritersAreLeftAloneEvenWithAnExpiredLease() {
    Writer a = writer(1, false, false, 2000);
    Writer b = writer(2, false, false, -5000); // the database was down for everyone
    FenceDecision.Decision d = FenceDecision.decide(List.of(a, b), Set.of(of(a), of(b))::contains, w -> false);
    assertTrue(d.settled());
  }

  @Test
  void aDownedWriterIsFencedFlushedAndWaitedOutUntilItsLeaseEnds() {
    Writer downed = writer(1, false, false, 1500);
    FenceDecision.Decision d = FenceDecision.decide(List.of(downed), w -> false, Set.of(of(downed))::contains);
    assertEquals(List.of(downed), d.fence());
    assertEquals(List.of(downed), d.flush());
    assertEquals(1500, d.waitMillis());
    assertFalse(d.settled());

    Writer done = writer(1, true, true, 700);
    FenceDecision.Decision later = FenceDecision.decide(List.of(done), w -> false, Set.of(of(done))::contains);
    assertEquals(List.of(), later.fence());
    assertEquals(700, later.waitMillis());
    assertFalse(later.settled());
  }

  @Test
  void aSilentWriterThatIsNoMemberIsFencedButANewOneIsNot() {
    Writer dead = writer(1, false, false, -10);   // a JVM killed before it ever joined, or long ago
    Writer joining = writer(2, false, false, 2500); // registered, not yet in this member's view
    FenceDecision.Decision d = FenceDecision.decide(List.of(dead, joining), w -> false, w -> false);
    assertEquals(List.of(dead), d.fence());
    assertEquals(List.of(dead), d.flush());
  }

  @Test
  void aFencedWriterWhoseSessionsAreNotYetEndedIsFlushed() {
    Writer fenced = writer(1, true, false, -1);
    FenceDecision.Decision d = FenceDecision.decide(List.of(fenced), w -> false, w -> false);
    assertEquals(List.of(), d.fence());
    assertEquals(List.of(fenced), d.flush());
  }
}
