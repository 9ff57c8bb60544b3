package dev.orca.chaos;

import java.util.concurrent.CompletionStage;

/** The {@link ChaosEffects} of a running member: its node agents and its Artery transport. */
public final class MemberEffects implements ChaosEffects {
  private final NodeFaults nodes;
  private final PartitionFaults partitions;

  public MemberEffects(NodeFaults nodes, PartitionFaults partitions) {
    this.nodes = nodes;
    this.partitions = partitions;
  }

  @Override
  public CompletionStage<Boolean> heartbeats(String node, boolean on) {
    return nodes.heartbeats(node, on);
  }

  @Override
  public CompletionStage<Boolean> agent(String node, boolean running) {
    return nodes.agent(node, running);
  }

  @Override
  public CompletionStage<Boolean> partition(String peer, boolean cut) {
    return partitions.set(peer, cut);
  }
}
