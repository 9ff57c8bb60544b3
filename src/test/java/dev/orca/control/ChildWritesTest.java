package dev.orca.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.orca.control.ObjectEntity.Accepted;
import dev.orca.control.ObjectEntity.Rejected;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChildWritesTest {
  private static final ObjectKey POD = new ObjectKey(ResourceType.POD, "default", "web-abcde");
  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  @Test
  void anAnsweredWriteIsDone() {
    ChildWrites writes = new ChildWrites();
    ChildWrites.Pending p = writes.start(POD, true, T0, Duration.ofSeconds(10));
    ChildWrites.Outcome o = writes.answer(p.id(), 1, new Accepted("Pod|default/web-abcde", 1), null, T0);
    assertEquals(new ChildWrites.Done(POD, new Accepted("Pod|default/web-abcde", 1)), o);
    assertEquals(0, writes.inFlight());
  }

  @Test
  void anUnansweredAttemptIsSentAgainUntilTheDeadline() {
    ChildWrites writes = new ChildWrites();
    ChildWrites.Pending p = writes.start(POD, true, T0, Duration.ofSeconds(10));
    ChildWrites.Outcome o = writes.answer(p.id(), 1, null, "timeout", T0.plusSeconds(2));
    ChildWrites.Pending second = assertInstanceOf(ChildWrites.Retry.class, o).next();
    assertEquals(2, second.attempt());
    assertEquals(1, writes.inFlight());
    // the last attempt's timeout after the deadline ends the write as a 504
    o = writes.answer(p.id(), 2, null, "timeout", T0.plusSeconds(11));
    Rejected r = (Rejected) assertInstanceOf(ChildWrites.Done.class, o).result();
    assertEquals(504, r.status().code());
    assertEquals(0, writes.inFlight());
  }

  @Test
  void aLateAnswerOfAnEarlierAttemptStillCountsButItsTimeoutDoesNot() {
    ChildWrites writes = new ChildWrites();
    ChildWrites.Pending p = writes.start(POD, false, T0, Duration.ofSeconds(10));
    writes.answer(p.id(), 1, null, "timeout", T0.plusSeconds(2));
    writes.answer(p.id(), 2, null, "timeout", T0.plusSeconds(4));
    assertInstanceOf(ChildWrites.Ignore.class, writes.answer(p.id(), 2, null, "timeout", T0.plusSeconds(5)));
    ChildWrites.Outcome o = writes.answer(p.id(), 1, new Accepted("x", 3), null, T0.plusSeconds(5));
    assertEquals(new ChildWrites.Done(POD, new Accepted("x", 3)), o);
    assertInstanceOf(ChildWrites.Ignore.class, writes.answer(p.id(), 3, new Accepted("x", 3), null, T0.plusSeconds(6)));
  }

  @Test
  void aRetriedCreateAnsweredAlreadyExistsLandedTheFirstTime() {
    ChildWrites writes = new ChildWrites();
    ChildWrites.Pending p = writes.start(POD, true, T0, Duration.ofSeconds(10));
    writes.answer(p.id(), 1, null, "timeout", T0.plusSeconds(2));
    ChildWrites.Outcome o = writes.answer(p.id(), 2, new Rejected(Statuses.alreadyExists(POD)), null, T0.plusSeconds(3));
    assertInstanceOf(Accepted.class, assertInstanceOf(ChildWrites.Done.class, o).result());
  }

  @Test
  void aFirstCreateAnsweredAlreadyExistsIsRefused() {
    ChildWrites writes = new ChildWrites();
    ChildWrites.Pending p = writes.start(POD, true, T0, Duration.ofSeconds(10));
    ChildWrites.Outcome o = writes.answer(p.id(), 1, new Rejected(Statuses.alreadyExists(POD)), null, T0);
    assertInstanceOf(Rejected.class, assertInstanceOf(ChildWrites.Done.class, o).result());
  }
}
