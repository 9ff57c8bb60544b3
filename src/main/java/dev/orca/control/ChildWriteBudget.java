package dev.orca.control;

import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * How many pod creates and deletes this JVM's ReplicaSets may have in flight together
 * ({@code orca.control.child-writes-in-flight}); a delete is in flight until the read side shows
 * its pod going. Scaling ten Deployments of 2,000 to zero at once, unbounded, failed 25,000 pod and
 * Event writes (the journal's breaker opened). Without a bound, thirty ReplicaSets of 5,000 pods
 * each sent their first 500 creates at once: 15,000 pod writes queued in the journal, every write
 * behind them — an API request, a binding — then waited longer than its caller would, and the
 * callers' retries added more. With the bound the queue stays short and the creates go as fast
 * as the journal takes them, whatever that is on the machine. A permit lapses after the ask
 * timeout if its holder never gives it back ({@link InFlightLimit}).
 */
public final class ChildWriteBudget implements Extension {
  private final InFlightLimit limit;

  private ChildWriteBudget(ActorSystem<?> system) {
    var config = system.settings().config();
    this.limit = new InFlightLimit(config.getInt("orca.control.child-writes-in-flight"),
        config.getDuration("orca.control.ask-timeout", TimeUnit.NANOSECONDS));
  }

  public static ChildWriteBudget get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** Takes up to {@code wanted} permits; how many creates (or deletes) may be sent now. */
  synchronized int take(int wanted) {
    return wanted <= 0 ? 0 : limit.take(wanted, System.nanoTime());
  }

  /** How many permits are free now (a plan for no more than that wastes no work). */
  synchronized int available() {
    return limit.available(System.nanoTime());
  }

  /** One create or delete ended (answered, refused, seen or given up). */
  synchronized void release() {
    limit.release(System.nanoTime());
  }

  private static final class Id extends ExtensionId<ChildWriteBudget> {
    static final Id INSTANCE = new Id();

    @Override
    public ChildWriteBudget createExtension(ActorSystem<?> system) {
      return new ChildWriteBudget(system);
    }
  }
}
