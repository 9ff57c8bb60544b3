package dev.orca.control;

import dev.orca.model.KubeObject;
import dev.orca.model.OwnerReference;
import dev.orca.model.ResourceType;
import dev.orca.store.Change;
import dev.orca.store.ObjectKey;
import dev.orca.store.StoredObject;
import dev.orca.store.Store;
import dev.orca.store.WatchCache;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Background cascading deletion, a cluster singleton: when an object is gone, its dependents whose
 * owners are all gone are deleted too. It reacts to each deletion and also sweeps every object on
 * a timer, so a dependent created after its owner vanished is found as well.
 */
public final class GarbageCollector extends AbstractBehavior<GarbageCollector.Command> {

  public sealed interface Command {}

  private record OwnerGone(String uid) implements Command {}

  private record Sweep() implements Command {}

  private final WatchCache cache;
  private final ClusterSharding sharding;
  private final Duration eventTtl;
  private final WatchCache.Subscription subscription;
  /** When the Events were last looked at for expiry; null before the first sweep. */
  private Instant lastExpiry;

  private GarbageCollector(ActorContext<Command> context) {
    super(context);
    this.cache = Store.get(context.getSystem()).cache();
    this.sharding = ClusterSharding.get(context.getSystem());
    this.eventTtl = context.getSystem().settings().config().getDuration("orca.events.ttl");
    this.subscription = cache.subscribe(this::route);
  }

  public static Behavior<Command> create(Duration sweepInterval) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Sweep(), sweepInterval);
      return new GarbageCollector(context);
    }));
  }

  private boolean route(Change change) {
    if (change.isDeletion() && change.previous().object().metadata().uid() != null) {
      getContext().getSelf().tell(new OwnerGone(change.previous().object().metadata().uid()));
    }
    return true;
  }

  private Behavior<Command> unsubscribe() {
    subscription.close();
    return this;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(OwnerGone.class, this::onOwnerGone)
        .onMessage(Sweep.class, this::onSweep)
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, signal -> unsubscribe())
        .onSignal(org.apache.pekko.actor.typed.PreRestart.class, signal -> unsubscribe())
        .build();
  }

  private Behavior<Command> onOwnerGone(OwnerGone gone) {
    for (KubeObject dependent : cache.dependents(gone.uid(), KubeObject.class)) {
      collectIfOrphaned(dependent);
    }
    return this;
  }

  /**
   * Events live for orca.events.ttl after they last happened, as Kubernetes' --event-ttl; they are
   * looked at once a sixtieth of the TTL (a minute for the default hour), not on every sweep: at
   * 150,000 pods the walk over some 300,000 Events every 10 s was one of the API's spikes.
   */
  private void expireEvents() {
    Instant now = Instant.now();
    if (lastExpiry != null && now.isBefore(lastExpiry.plus(eventTtl.dividedBy(60)))) {
      return;
    }
    lastExpiry = now;
    java.util.function.Predicate<String> expired = Rfc3339.before(now.minus(eventTtl));
    for (StoredObject s : cache.all(ResourceType.EVENT)) {
      dev.orca.model.Event event = (dev.orca.model.Event) s.object();
      String last = event.lastTimestamp() != null ? event.lastTimestamp() : event.metadata().creationTimestamp();
      if (expired.test(last) && !event.metadata().isDeleting()) {
        Entities.tell(sharding, s.key(), new ObjectEntity.Delete("Background", null, getContext().getSystem().ignoreRef()));
      }
    }
  }

  /**
   * The fallback for a dependent created after its owner went: every owner uid that some object
   * names and that no longer exists, through the cache's index by owner — not a walk over every
   * object, most of which (bare pods, Events) have no owner at all.
   */
  private Behavior<Command> onSweep(Sweep sweep) {
    expireEvents();
    for (String owner : cache.ownerUids()) {
      if (!cache.uidExists(owner)) {
        for (KubeObject dependent : cache.dependents(owner, KubeObject.class)) {
          collectIfOrphaned(dependent);
        }
      }
    }
    return this;
  }

  private void collectIfOrphaned(KubeObject dependent) {
    List<OwnerReference> owners = dependent.metadata().ownerReferencesOrEmpty();
    if (!dependent.metadata().isDeleting() && !owners.isEmpty() && owners.stream().noneMatch(o -> cache.uidExists(o.uid()))) {
      Entities.tell(sharding, ObjectKey.of(dependent),
          new ObjectEntity.Delete("Background", null, getContext().getSystem().ignoreRef()));
    }
  }
}
