package dev.orca.control;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * How much of a core this JVM's reconciles take, second by second, and the factor on every
 * entity's share of it that {@link ReconcilePacing} derives from that: every entity adds what its
 * reconcile cost, and reads the factor when it paces its next one.
 */
public final class ReconcileLoad implements Extension {
  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ReconcilePacing pacing;
  private final LongAdder spent = new LongAdder();
  private volatile long windowStart = System.nanoTime();
  private volatile double scale = 1;

  private ReconcileLoad(ReconcilePacing pacing) {
    this.pacing = pacing;
  }

  public static ReconcileLoad get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  void record(long nanos) {
    spent.add(nanos);
  }

  /** The factor on every entity's share now (1: the JVM's reconciles are within their budget). */
  double scale() {
    long now = System.nanoTime();
    if (now - windowStart >= WINDOW_NANOS) {
      synchronized (this) {
        long elapsed = now - windowStart;
        if (elapsed >= WINDOW_NANOS) {
          scale = pacing.nextScale(scale, (double) spent.sumThenReset() / elapsed);
          windowStart = now;
        }
      }
    }
    return scale;
  }

  private static final class Id extends ExtensionId<ReconcileLoad> {
    static final Id INSTANCE = new Id();

    @Override
    public ReconcileLoad createExtension(ActorSystem<?> system) {
      return new ReconcileLoad(ControlSettings.from(system.settings().config()).reconcilePacing());
    }
  }
}
