package dev.orca.control;

import dev.orca.control.ObjectEntity.Accepted;
import dev.orca.control.ObjectEntity.Rejected;
import dev.orca.control.ObjectEntity.WriteResult;
import dev.orca.model.Status;
import dev.orca.store.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The writes an entity has in flight to its dependents, and what to do with each answer. Cluster
 * Sharding delivers at most once: a message sent to a shard whose member has just died (before
 * the cluster has removed it and the shard has moved) is lost, and its sender would wait for the
 * whole ask timeout. So a write that has no answer after one attempt's timeout is sent again, the
 * same command, until the write's deadline. That is safe because the writes are idempotent at
 * their target: a create names its object (a second one is answered AlreadyExists, which, for a
 * second attempt, means the first landed), an update with an expected sequence number is answered
 * Conflict once applied, a delete of a deleted object NotFound. Pure bookkeeping: the entity does
 * the sending.
 */
final class ChildWrites {

  /** One write: what to send where, which attempt was sent last, and until when to try. */
  record Pending(long id, ObjectKey child, boolean create, int attempt, Instant deadline) {}

  /** What an answer means for the entity. */
  sealed interface Outcome {}

  /** An answer for a write that has already ended, or a timeout of an earlier attempt: nothing to do. */
  record Ignore() implements Outcome {}

  /** No answer in time: send the write again. */
  record Retry(Pending next) implements Outcome {}

  /** The write ended with this result. */
  record Done(ObjectKey child, WriteResult result) implements Outcome {}

  private final Map<Long, Pending> pending = new HashMap<>();
  private long nextId;

  /** A new write; the caller sends its first attempt. */
  Pending start(ObjectKey child, boolean create, Instant now, Duration deadline) {
    Pending p = new Pending(nextId++, child, create, 1, now.plus(deadline));
    pending.put(p.id(), p);
    return p;
  }

  int inFlight() {
    return pending.size();
  }

  /**
   * The answer to attempt {@code attempt} of write {@code id}: {@code result}, or null when the ask
   * failed ({@code failure}, a timeout as a rule).
   */
  Outcome answer(long id, int attempt, WriteResult result, String failure, Instant now) {
    Pending p = pending.get(id);
    if (p == null) {
      return new Ignore();
    }
    if (result == null) {
      if (attempt != p.attempt()) {
        return new Ignore(); // a later attempt is on its way
      }
      if (now.isBefore(p.deadline())) {
        Pending next = new Pending(p.id(), p.child(), p.create(), p.attempt() + 1, p.deadline());
        pending.put(id, next);
        return new Retry(next);
      }
      pending.remove(id);
      return new Done(p.child(), new Rejected(Status.failure(504, "Timeout", failure, null)));
    }
    pending.remove(id);
    if (p.create() && attempt > 1 && result instanceof Rejected r && "AlreadyExists".equals(r.status().reason())) {
      // an earlier attempt of this create landed and only its answer was lost. (Should the first
      // attempt have been lost and a foreign object hold the name, the creator's expectation of it
      // simply expires; pod and ReplicaSet names carry a random or hashed suffix.)
      return new Done(p.child(), new Accepted(p.child().persistenceId(), -1));
    }
    return new Done(p.child(), result);
  }
}
