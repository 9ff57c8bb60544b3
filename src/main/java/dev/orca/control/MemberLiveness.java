package dev.orca.control;

import java.util.Collection;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;

/**
 * What the cluster says of the member that runs a node's agent (the node's
 * {@link NodeEntity#MEMBER_ANNOTATION}), as the node's lease needs it. Pure: it reads the
 * membership and reachability it is given (the local view of the cluster state, which is gossip
 * and never blocks).
 */
public enum MemberLiveness {
  /** A member the cluster can reach (joining or up). */
  UP,
  /**
   * Leaving gracefully (Leaving, Exiting): its coordinated shutdown stops its agents and their pods.
   * Its nodes take no new pods, and their leases run out as a silent agent's do — not at once: when
   * the whole cluster stops, every member leaves, and ending the leases of the first to go lost
   * their pods to the last ones still up (bench/results/scale-2026-11-28-0812).
   */
  LEAVING,
  /**
   * A member some member cannot reach, not (yet) downed: dead, paused or cut off. The Split Brain
   * Resolver has not decided; its pods may still run, so they are not replaced yet.
   */
  UNREACHABLE,
  /** Downed (or exiting): it stops, or has stopped, its pods; its nodes' lease ends now. */
  GONE,
  /** No member annotation, or no such member in this view (not joined yet, or already removed). */
  UNKNOWN;

  /** The liveness of the member at {@code address} among {@code members}, given who is {@code unreachable}. */
  public static MemberLiveness of(String address, Iterable<Member> members, Collection<Member> unreachable) {
    if (address == null) {
      return UNKNOWN;
    }
    for (Member m : members) {
      if (m.address().toString().equals(address)) {
        return of(m.status(), unreachable.stream().anyMatch(u -> u.address().equals(m.address())));
      }
    }
    return UNKNOWN;
  }

  /** The liveness of a member with this status (null: not a member), reachable or not. */
  public static MemberLiveness of(MemberStatus status, boolean unreachable) {
    if (status == null) {
      return UNKNOWN;
    }
    if (status == MemberStatus.down() || status == MemberStatus.removed()) {
      return GONE;
    }
    if (unreachable) {
      return UNREACHABLE;
    }
    return status == MemberStatus.leaving() || status == MemberStatus.exiting() ? LEAVING : UP;
  }
}
