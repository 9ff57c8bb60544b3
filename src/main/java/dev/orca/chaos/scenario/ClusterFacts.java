package dev.orca.chaos.scenario;

import java.util.List;
import java.util.Map;

/**
 * What a run sees of the cluster when a fault comes due, for {@link TargetResolver}: the members
 * (name, Pekko address, whether Up, whether the oldest, shards hosted), which member runs each
 * node, and the pods of the workload with their nodes.
 */
public record ClusterFacts(List<Member> members, Map<String, String> nodeOwners, List<PodRef> pods) {
  public record Member(String name, String address, boolean up, boolean oldest, int shards) {}

  public record PodRef(String namespace, String name, String node) {}

  public ClusterFacts {
    members = List.copyOf(members);
    nodeOwners = Map.copyOf(nodeOwners);
    pods = List.copyOf(pods);
  }
}
