package dev.orca.fencing;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Tells the {@link WriterLease} what happens to the membership: a member lost or unreachable
 * makes the fencer look again before the next shard placement; this member being downed ends its
 * lease at once.
 */
public final class MembershipFeed {
  private MembershipFeed() {}

  public static Behavior<ClusterEvent.ClusterDomainEvent> create(WriterLease lease) {
    return Behaviors.setup(context -> {
      Cluster cluster = Cluster.get(context.getSystem());
      cluster.subscriptions().tell(Subscribe.create(context.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(context.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class)
          .onMessage(ClusterEvent.MemberEvent.class, event -> {
            if (event instanceof ClusterEvent.MemberDowned
                && event.member().uniqueAddress().equals(cluster.selfMember().uniqueAddress())) {
              lease.invalidate("this member was downed");
            }
            if (!(event instanceof ClusterEvent.MemberUp) && !(event instanceof ClusterEvent.MemberJoined)
                && !(event instanceof ClusterEvent.MemberWeaklyUp)) {
              lease.membershipChanged(event);
            }
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.ReachabilityEvent.class, event -> {
            lease.reachabilityChanged();
            return Behaviors.same();
          })
          .build();
    });
  }
}
