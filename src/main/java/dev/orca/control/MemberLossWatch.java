package dev.orca.control;

import dev.orca.fencing.WriterLease;
import dev.orca.model.ResourceType;
import dev.orca.store.Store;
import dev.orca.store.WatchCache;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Keeps every node's lease watched, and the controllers running, across the loss of a member. A
 * {@link NodeEntity} checks its lease only while it is alive; when the member hosting it dies,
 * nothing else would start it again on a survivor (its agent died with the member), so the dead
 * member's nodes would stay Ready and their pods would never be replaced. Likewise a ReplicaSet or
 * Deployment that lived there: the news that its pods were lost may have been sent to the dead
 * member's region before the cluster knew it was dead. One of these runs on each control member:
 * when a member is downed, and again when it is removed after that, it ends the lease of the nodes that member
 * ran (their annotation {@link NodeEntity#MEMBER_ANNOTATION}) — a member that leaves gracefully has its nodes'
 * leases run out as usual instead (a whole cluster stopping must not lose its pods to its last members); at the
 * removal it wakes the pods on those nodes (their shards
 * move now, not when the node's entity gets to them) and every node, ReplicaSet and Deployment (level-triggered: each
 * re-reads observed state), again every second for 6 s and at 8 and 10 s, since the shards move and pods are lost a
 * little after the removal (sharding buffers the messages meanwhile); and it wakes every node on a
 * slow timer besides. Waking a live entity is one message to an actor that is already running.
 * And when this JVM takes its write lease back after a lapse (the journal was out of reach), it
 * wakes them all too: those that refused a command meanwhile were stopped by their
 * {@link dev.orca.fencing.CommandGate}, their pending work with them (and again 2, 5 and 10 s
 * later, while the journal's connections come back).
 */
public final class MemberLossWatch extends AbstractBehavior<MemberLossWatch.Command> {

  public sealed interface Command {}

  private record MemberRemoved(ClusterEvent.MemberRemoved event) implements Command {}

  private record MemberDowned(ClusterEvent.MemberDowned event) implements Command {}

  private record Wake() implements Command {}

  private record CheckLease() implements Command {}

  private record WakeAll() implements Command {}

  /** Wake the controllers after a member's removal; {@code endLeases} when it was downed. */
  private record WakeControllers(String address, boolean endLeases) implements Command {}

  private final WatchCache cache;
  private final ClusterSharding sharding;
  private final TimerScheduler<Command> timers;
  private final WriterLease lease;
  private long leaseRegained;

  public static Behavior<Command> create(Duration sweepInterval) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new MemberLossWatch(context, timers, sweepInterval)));
  }

  private MemberLossWatch(ActorContext<Command> context, TimerScheduler<Command> timers, Duration sweepInterval) {
    super(context);
    this.cache = Store.get(context.getSystem()).cache();
    this.sharding = ClusterSharding.get(context.getSystem());
    this.timers = timers;
    Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
        context.messageAdapter(ClusterEvent.MemberRemoved.class, MemberRemoved::new), ClusterEvent.MemberRemoved.class));
    Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
        context.messageAdapter(ClusterEvent.MemberDowned.class, MemberDowned::new), ClusterEvent.MemberDowned.class));
    timers.startTimerWithFixedDelay("sweep", new Wake(), sweepInterval);
    this.lease = WriterLease.get(context.getSystem());
    this.leaseRegained = lease.regained();
    if (lease.enabled()) {
      timers.startTimerWithFixedDelay("lease", new CheckLease(), Duration.ofSeconds(1));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(MemberRemoved.class, this::onMemberRemoved)
        .onMessage(MemberDowned.class, this::onMemberDowned)
        .onMessage(Wake.class, this::onWake)
        .onMessage(WakeControllers.class, this::onWakeControllers)
        .onMessage(CheckLease.class, this::onCheckLease)
        .onMessage(WakeAll.class, wake -> {
          wakeControllers();
          return this;
        })
        .build();
  }

  private Behavior<Command> onMemberRemoved(MemberRemoved removed) {
    getContext().getLog().info("{} removed: waking every node, ReplicaSet and Deployment", removed.event().member().address());
    String address = removed.event().member().address().toString();
    if (removed.event().previousStatus() != org.apache.pekko.cluster.MemberStatus.down()) {
      // it left gracefully, its agents stopping their pods: its nodes' leases run out as a silent
      // agent's do (paced, NodeEvictions), as when the whole cluster stops and restarts
      return onWakeControllers(new WakeControllers(address, false));
    }
    for (int seconds : new int[] {1, 2, 3, 4, 5, 6, 8, 10}) {
      timers.startSingleTimer("after-" + seconds + "s-" + address, new WakeControllers(address, true), Duration.ofSeconds(seconds));
    }
    // the removed member's pods: their entities start now (shard moved, state recovered) rather
    // than when their node's entity, itself moving, gets to declaring them lost; the coordinator
    // moves shards one at a time, so starting early overlaps the two
    cache.all(ResourceType.NODE).stream()
        .filter(n -> address.equals(n.object().metadata().annotationsOrEmpty().get(NodeEntity.MEMBER_ANNOTATION)))
        .forEach(n -> cache.podsOnNode(n.key().name()).forEach(p ->
            Entities.tell(sharding, dev.orca.store.ObjectKey.of(p), new ObjectEntity.Reconcile())));
    return onWakeControllers(new WakeControllers(address, true));
  }

  /** Downed (by the SBR): the member stops its pods now; its removal follows within a second or so. */
  private Behavior<Command> onMemberDowned(MemberDowned downed) {
    endLeases(downed.event().member().address().toString());
    return this;
  }

  private void endLeases(String address) {
    cache.all(ResourceType.NODE).stream()
        .filter(n -> address.equals(n.object().metadata().annotationsOrEmpty().get(NodeEntity.MEMBER_ANNOTATION)))
        .forEach(n -> Entities.tell(sharding, n.key(), new NodeEntity.MemberRemoved(address)));
  }

  private Behavior<Command> onWakeControllers(WakeControllers wake) {
    // a downed member's own nodes: their lease ends now, not a grace period after their entity restarts
    if (wake.endLeases()) {
      endLeases(wake.address());
    }
    wakeControllers();
    return this;
  }

  private void wakeControllers() {
    for (ResourceType type : List.of(ResourceType.NODE, ResourceType.REPLICA_SET, ResourceType.DEPLOYMENT)) {
      cache.all(type).forEach(o -> Entities.tell(sharding, o.key(), new ObjectEntity.Reconcile()));
    }
  }

  private Behavior<Command> onCheckLease(CheckLease check) {
    long regained = lease.regained();
    if (regained != leaseRegained) {
      leaseRegained = regained;
      getContext().getLog().info("Write lease held again: waking every node, ReplicaSet and Deployment");
      wakeControllers();
      // and again while the journal's connection pool comes back, as a woken entity whose
      // recovery fails stops again
      for (int seconds : new int[] {2, 5, 10}) {
        timers.startSingleTimer("lease-after-" + seconds + "s", new WakeAll(), Duration.ofSeconds(seconds));
      }
    }
    return this;
  }

  private Behavior<Command> onWake(Wake wake) {
    cache.all(ResourceType.NODE).forEach(n -> Entities.tell(sharding, n.key(), new ObjectEntity.Reconcile()));
    return this;
  }
}
