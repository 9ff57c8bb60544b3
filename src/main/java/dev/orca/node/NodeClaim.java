package dev.orca.node;

import dev.orca.control.MemberLiveness;
import dev.orca.control.NodeEntity;
import java.util.Map;
import java.util.function.Function;

/**
 * What a worker does with a simulated node, as the node's annotations name the worker that runs
 * its agent: its name prefix ({@link WorkerNodes#OWNER_ANNOTATION}) and its address
 * ({@link NodeEntity#MEMBER_ANNOTATION}). Pure: the members' liveness is given.
 *
 * <p>A node that names no worker (created through the API, as KWOK does) is claimed; so is a node
 * that names this worker's prefix but no address, or the address of a member that is gone — this
 * worker's previous incarnation, restarted at another address, or a node pinned to its prefix by
 * hand. A node that names another worker, or this prefix at a member that lives (another JVM
 * started with the same prefix), is left to it.
 */
enum NodeClaim {
  /** The node names this worker: it runs the agent. */
  RUN,
  /** No live worker runs the node: this one claims it, and runs it once the claim is stored. */
  CLAIM,
  /** Another worker runs the node. */
  ELSEWHERE;

  static NodeClaim of(Map<String, String> annotations, String prefix, String address,
      Function<String, MemberLiveness> liveness) {
    String owner = annotations.get(WorkerNodes.OWNER_ANNOTATION);
    String member = annotations.get(NodeEntity.MEMBER_ANNOTATION);
    if (owner == null) {
      return CLAIM;
    }
    if (!owner.equals(prefix)) {
      return ELSEWHERE;
    }
    if (address.equals(member)) {
      return RUN;
    }
    if (member == null) {
      return CLAIM;
    }
    MemberLiveness named = liveness.apply(member);
    return named == MemberLiveness.GONE || named == MemberLiveness.LEAVING || named == MemberLiveness.UNKNOWN ? CLAIM : ELSEWHERE;
  }
}
