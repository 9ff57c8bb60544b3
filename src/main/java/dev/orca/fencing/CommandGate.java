package dev.orca.fencing;

import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * In front of an entity: a command reaches it only while this JVM holds its write lease. Without
 * the lease (the JVM was frozen, the database is out of reach, or the cluster has given the
 * entity to another member) the command is refused — a caller waiting for an answer is told so —
 * and the entity stops: if this JVM still owns it, the next command starts it again from the
 * journal; if not, it never acts again here.
 */
public final class CommandGate<T> extends BehaviorInterceptor<T, T> {
  private final WriterLease lease;
  private final CommandTrace trace;
  private final String entity;
  private final Consumer<T> refuse;

  private CommandGate(Class<T> type, WriterLease lease, String entity, Consumer<T> refuse) {
    super(type);
    this.lease = lease;
    this.trace = new CommandTrace(lease.settings().traceCommands(), lease.writerName());
    this.entity = entity;
    this.refuse = refuse;
  }

  /** {@code behavior} behind the gate (itself when fencing is off). */
  public static <T> Behavior<T> around(Behavior<T> behavior, Class<T> type, WriterLease lease, String entity,
      Consumer<T> refuse) {
    if (!lease.enabled()) {
      return behavior;
    }
    return Behaviors.intercept(() -> new CommandGate<>(type, lease, entity, refuse), behavior);
  }

  @Override
  public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
    if (lease.valid()) {
      trace.handled(entity, msg);
      return target.apply(ctx, msg);
    }
    trace.refused(entity, msg);
    refuse.accept(msg);
    return Behaviors.stopped();
  }
}
