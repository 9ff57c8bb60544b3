package dev.orca.fencing;

import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.event.Level;

/**
 * In front of a cluster singleton (scheduler, endpoints controller, …): a message that arrives
 * while this JVM has no write lease fails the singleton, which restarts with a backoff (messages
 * wait meanwhile) — it rebuilds its view from the watch cache instead of acting on one it held
 * before a freeze, and while the lease stays lapsed (the database is down) it tries again
 * rarely instead of spinning.
 */
public final class SingletonGate<T> extends BehaviorInterceptor<T, T> {
  private final WriterLease lease;
  private final String name;

  private SingletonGate(Class<T> type, WriterLease lease, String name) {
    super(type);
    this.lease = lease;
    this.name = name;
  }

  /** The failure of a singleton that may not act now. */
  public static final class LeaseLapsed extends RuntimeException {
    LeaseLapsed(String message) {
      super(message, null, false, false);
    }
  }

  public static <T> Behavior<T> around(Behavior<T> behavior, Class<T> type, WriterLease lease, String name) {
    if (!lease.enabled()) {
      return behavior;
    }
    return Behaviors.supervise(Behaviors.intercept(() -> new SingletonGate<>(type, lease, name), behavior))
        .onFailure(LeaseLapsed.class, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2)
            .withLogLevel(Level.WARN));
  }

  @Override
  public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
    if (!lease.valid()) {
      throw new LeaseLapsed("singleton " + name + " has no write lease on this member; restarting it");
    }
    return target.apply(ctx, msg);
  }
}
