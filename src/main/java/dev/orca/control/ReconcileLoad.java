package dev.orca.control;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * How much of a core this JVM's reconciles took over the last whole second: every entity adds
 * what its reconcile cost, and {@link ReconcilePacing} slows them all down while together they
 * exceed their budget.
 */
public final class ReconcileLoad implements Extension {
  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final LongAdder spent = new LongAdder();
  private volatile long windowStart = System.nanoTime();
  private volatile double load;

  private ReconcileLoad() {}

  public static ReconcileLoad get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  void record(long nanos) {
    spent.add(nanos);
  }

  /** Cores' worth of reconciling in the last whole window (0.5: half a core). */
  double load() {
    long now = System.nanoTime();
    if (now - windowStart >= WINDOW_NANOS) {
      synchronized (this) {
        long elapsed = now - windowStart;
        if (elapsed >= WINDOW_NANOS) {
          load = (double) spent.sumThenReset() / elapsed;
          windowStart = now;
        }
      }
    }
    return load;
  }

  private static final class Id extends ExtensionId<ReconcileLoad> {
    static final Id INSTANCE = new Id();

    @Override
    public ReconcileLoad createExtension(ActorSystem<?> system) {
      return new ReconcileLoad();
    }
  }
}
