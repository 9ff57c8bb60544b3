package dev.orca.fencing;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Map;
import scala.collection.immutable.Set;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * Sharding's own allocation strategy, placed behind the fencer: the coordinator gets a shard's
 * new home only once {@link WriterLease#settled()} — every writer the cluster has lost is fenced,
 * flushed and out of lease. A shard of a member that was killed, frozen or cut off therefore
 * never starts on a survivor while its old copy could still write.
 */
public final class FencedAllocation implements ShardCoordinator.ActorSystemDependentAllocationStrategy {
  private volatile ShardCoordinator.ShardAllocationStrategy delegate;
  private volatile WriterLease lease;

  @Override
  public void start(ActorSystem system) {
    if (delegate == null) {
      delegate = ClusterSharding.get(system).defaultShardAllocationStrategy(ClusterShardingSettings.create(system));
      lease = WriterLease.get(Adapter.toTyped(system));
    }
    if (delegate instanceof ShardCoordinator.ActorSystemDependentAllocationStrategy d) {
      d.start(system);
    } else if (delegate instanceof ShardCoordinator.StartableAllocationStrategy s) {
      s.start();
    }
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> current) {
    CompletionStage<Void> settled = lease.settled();
    if (settled.toCompletableFuture().isDone() && !settled.toCompletableFuture().isCompletedExceptionally()) {
      return delegate.allocateShard(requester, shardId, current);
    }
    return FutureConverters.asScala(settled.thenCompose(done ->
        FutureConverters.asJava(delegate.allocateShard(requester, shardId, current))));
  }

  @Override
  public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current, Set<String> inProgress) {
    return delegate.rebalance(current, inProgress);
  }
}
