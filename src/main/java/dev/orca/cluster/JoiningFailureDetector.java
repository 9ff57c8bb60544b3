package dev.orca.cluster;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.pekko.event.EventStream;
import org.apache.pekko.remote.FailureDetector;
import org.apache.pekko.remote.FailureDetectorWithAddress;
import org.apache.pekko.remote.PhiAccrualFailureDetector;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;

/**
 * The cluster's failure detector for one member ({@code pekko.cluster.failure-detector
 * .implementation-class}): Pekko's phi accrual detector with the configured (turbo) settings,
 * except during the first {@code while-joining.for} after this JVM started watching the member,
 * when it tolerates {@code while-joining.acceptable-heartbeat-pause} instead.
 *
 * <p>Pekko makes one detector per member address when the first heartbeat from it comes (or is
 * overdue), i.e. when the member joins or when this JVM joins, and drops it when the member is
 * removed; a member that restarts gets a new one. So a member is watched leniently while it, or
 * the watcher, is starting — reading the journal, compiling, collecting garbage with two cores
 * shared by three JVMs, which stalled heartbeats for 2-3 s and got members downed at start-up
 * (docs/OPERATIONS.md, "Starting a cluster") — and with the turbo settings once it has run for
 * that long, which is when failover speed matters.
 */
public final class JoiningFailureDetector implements FailureDetector, FailureDetectorWithAddress {
  private final PhiAccrualFailureDetector settled;
  private final PhiAccrualFailureDetector joining;
  private final long joiningNanos;
  private final LongSupplier nanoTime;
  // written by the heartbeat sender, read by the cluster's reaper: firstHeartbeat before monitoring
  private volatile long firstHeartbeat;
  private volatile boolean monitoring;

  /** The constructor Pekko calls: {@code config} is {@code pekko.cluster.failure-detector}. */
  public JoiningFailureDetector(Config config, EventStream events) {
    this(config, events, System::nanoTime);
  }

  JoiningFailureDetector(Config config, EventStream events, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    FailureDetector.Clock clock = new NanoClock(nanoTime);
    this.settled = detector(config, config.getDuration("acceptable-heartbeat-pause"), Option.apply(events), clock);
    // silent: the settled detector already warns of a growing interval, at its lower threshold
    this.joining = detector(config, config.getDuration("while-joining.acceptable-heartbeat-pause"), Option.empty(), clock);
    this.joiningNanos = config.getDuration("while-joining.for").toNanos();
  }

  private static PhiAccrualFailureDetector detector(Config config, Duration pause, Option<EventStream> events,
      FailureDetector.Clock clock) {
    return new PhiAccrualFailureDetector(config.getDouble("threshold"), config.getInt("max-sample-size"),
        millis(config.getDuration("min-std-deviation")), millis(pause), millis(config.getDuration("heartbeat-interval")),
        events, clock);
  }

  private static FiniteDuration millis(Duration d) {
    return FiniteDuration.apply(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True while the member is watched with the lenient pause. */
  boolean joining() {
    return !monitoring || nanoTime.getAsLong() - firstHeartbeat < joiningNanos;
  }

  @Override
  public boolean isAvailable() {
    return joining() ? joining.isAvailable() : settled.isAvailable();
  }

  @Override
  public boolean isMonitoring() {
    return monitoring;
  }

  @Override
  public void heartbeat() {
    if (!monitoring) {
      firstHeartbeat = nanoTime.getAsLong();
      monitoring = true;
    }
    settled.heartbeat();
    joining.heartbeat();
  }

  @Override
  public void setAddress(String address) {
    settled.setAddress(address);
    joining.setAddress(address);
  }

  /** Pekko's clock (milliseconds) from a nanosecond source. */
  private static final class NanoClock extends FailureDetector.Clock {
    private final LongSupplier nanoTime;

    NanoClock(LongSupplier nanoTime) {
      this.nanoTime = nanoTime;
    }

    @Override
    public long apply$mcJ$sp() {
      return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong());
    }

    @Override
    public Object apply() {
      return apply$mcJ$sp();
    }
  }
}
