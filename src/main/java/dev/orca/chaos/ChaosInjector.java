package dev.orca.chaos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lasting faults injected into this JVM and their heals. A fault is applied through
 * {@link ChaosEffects} and a heal is scheduled for when it expires; overlapping faults on the same
 * thing merge ({@link ActiveFaults}), so the effect is applied once and healed once, when the last
 * expires. A partition from several peers is one fault per peer. Nothing here blocks: effects
 * complete later, heals run on the scheduler given.
 */
public final class ChaosInjector {
  private static final Logger log = LoggerFactory.getLogger(ChaosInjector.class);

  /** Schedules {@code task} after {@code delay} (the actor system's scheduler, in production). */
  public interface Scheduler {
    void schedule(Duration delay, Runnable task);
  }

  private final ChaosEffects effects;
  private final Scheduler scheduler;
  private final Clock clock;
  private final ActiveFaults active = new ActiveFaults();

  public ChaosInjector(ChaosEffects effects, Scheduler scheduler, Clock clock) {
    this.effects = effects;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Injects a lasting in-JVM fault (stop-heartbeats, kill-node-agent, partition); completes with the
   * faults now in effect for it (one per peer for a partition), or fails with
   * {@link FaultTargetNotFound}.
   */
  public CompletionStage<List<ActiveFaults.Active>> inject(Fault fault) {
    if (fault.kind().injector() != FaultKind.Injector.ENDPOINT || !fault.kind().lasting()) {
      throw new IllegalArgumentException(fault.kind() + " is not a lasting fault injected in a member's JVM");
    }
    List<Fault> parts = new ArrayList<>();
    if (fault.target() instanceof FaultTarget.Members members) {
      members.names().forEach(peer -> parts.add(new Fault(fault.kind(), new FaultTarget.Members(List.of(peer)), fault.duration())));
    } else {
      parts.add(fault);
    }
    List<CompletableFuture<ActiveFaults.Active>> started = parts.stream().map(p -> injectOne(p).toCompletableFuture()).toList();
    return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
        .thenApply(v -> started.stream().map(CompletableFuture::join).toList());
  }

  /** The faults in effect. */
  public synchronized List<ActiveFaults.Active> list() {
    return active.list();
  }

  /** Heals a fault now, before its time; false when no fault in effect has that id. */
  public CompletionStage<Boolean> heal(String id) {
    Optional<ActiveFaults.Active> ended;
    synchronized (this) {
      ended = active.end(id);
    }
    return ended.map(a -> undo(a.fault()).thenApply(x -> true)).orElse(CompletableFuture.completedFuture(false));
  }

  private CompletionStage<ActiveFaults.Active> injectOne(Fault fault) {
    ActiveFaults.Injected injected;
    synchronized (this) {
      injected = active.inject(fault, clock.instant());
    }
    ActiveFaults.Active a = injected.active();
    if (!injected.apply()) {
      log.info("chaos: {} already in effect ({}), now until {}", fault.describe(), a.id(), a.until());
      return CompletableFuture.completedFuture(a);
    }
    log.warn("chaos: injecting {} ({})", fault.describe(), a.id());
    return apply(fault, true).thenApply(found -> {
      if (!found) {
        synchronized (this) {
          active.end(a.id());
        }
        throw new FaultTargetNotFound(notFound(fault));
      }
      scheduleHeal(a.id(), fault.duration());
      return a;
    });
  }

  private void scheduleHeal(String id, Duration delay) {
    scheduler.schedule(delay, () -> healIfDue(id));
  }

  private void healIfDue(String id) {
    Optional<ActiveFaults.Active> due;
    Optional<Instant> until;
    Instant now = clock.instant();
    synchronized (this) {
      due = active.due(id, now);
      until = due.isPresent() ? Optional.empty() : active.until(id);
    }
    if (due.isPresent()) {
      undo(due.get().fault());
    } else {
      until.ifPresent(u -> scheduleHeal(id, Duration.between(now, u)));
    }
  }

  private CompletionStage<Boolean> undo(Fault fault) {
    log.warn("chaos: healing {}", fault.describe());
    CompletionStage<Boolean> done = apply(fault, false);
    done.whenComplete(logFailure("healing " + fault.describe()));
    return done;
  }

  private CompletionStage<Boolean> apply(Fault fault, boolean inject) {
    return switch (fault.kind()) {
      case STOP_HEARTBEATS -> effects.heartbeats(((FaultTarget.Node) fault.target()).name(), !inject);
      case KILL_NODE_AGENT -> effects.agent(((FaultTarget.Node) fault.target()).name(), !inject);
      case PARTITION -> effects.partition(((FaultTarget.Members) fault.target()).names().get(0), inject);
      default -> throw new IllegalArgumentException(fault.kind() + " is not healed by this JVM");
    };
  }

  private static String notFound(Fault fault) {
    return switch (fault.kind()) {
      case KILL_NODE_AGENT -> "no agent runs node " + ((FaultTarget.Node) fault.target()).name()
          + " in this member: inject kill-node-agent through the endpoint of the member that runs the node";
      case PARTITION -> "no such peer: " + ((FaultTarget.Members) fault.target()).names().get(0);
      default -> "no agent runs node " + ((FaultTarget.Node) fault.target()).name();
    };
  }

  private static BiConsumer<Boolean, Throwable> logFailure(String what) {
    return (ok, e) -> {
      if (e != null) {
        log.error("chaos: {} failed", what, e);
      } else if (!ok) {
        log.warn("chaos: {}: its target is gone", what);
      }
    };
  }
}
