package dev.orca.control;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * How many pods this JVM's ReplicaSets may create or delete, together, per second
 * ({@code orca.control.child-write-rate}, bursts of {@code child-write-burst}): the
 * kube-controller-manager's client rate limit. Without it, thirty ReplicaSets of 5,000 pods each
 * sent their first 500 creates at once — 15,000 pod and 15,000 Event writes queued behind each
 * other in the journal, every write then waiting longer than its callers (an API request, a
 * heartbeat's bookkeeping) were prepared to. A ReplicaSet sends what the budget allows and looks
 * again when the next token is due.
 */
public final class ChildWriteBudget implements Extension {
  private final TokenBucket bucket;

  private ChildWriteBudget(ActorSystem<?> system) {
    var control = system.settings().config().getConfig("orca.control");
    this.bucket = new TokenBucket(control.getDouble("child-write-rate"), control.getInt("child-write-burst"), System.nanoTime());
  }

  public static ChildWriteBudget get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** Takes up to {@code wanted} writes' worth; how many may be sent now. */
  synchronized int take(int wanted) {
    return wanted <= 0 ? 0 : bucket.take(wanted, System.nanoTime());
  }

  /** When to look again after being granted less than asked for. */
  synchronized Duration untilNext() {
    return bucket.untilNext(System.nanoTime());
  }

  private static final class Id extends ExtensionId<ChildWriteBudget> {
    static final Id INSTANCE = new Id();

    @Override
    public ChildWriteBudget createExtension(ActorSystem<?> system) {
      return new ChildWriteBudget(system);
    }
  }
}
