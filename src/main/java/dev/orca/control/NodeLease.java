package dev.orca.control;

import java.time.Duration;
import java.time.Instant;

/**
 * A node's lease as its entity keeps it (in memory, never persisted): when the agent was last
 * heard, and whether the member that runs the agent has been downed. Pure: it is told the time.
 *
 * <p>Ready turns Unknown once the lease is older than the grace period; the node's pods are lost
 * after the eviction delay beyond that, or {@code evictionAfterMemberDown} after the member was
 * downed. Four things hold the lease open while an agent cannot yet be heard, as
 * kube-controller-manager's node lifecycle controller does after its own restart:
 * <ul>
 *   <li>a new incarnation of the entity (after a failover) gives a live agent
 *       {@code graceAfterStart} to be heard;</li>
 *   <li>a node that existed before this JVM started is not lost within {@code startupGrace} of the
 *       moment its control plane could act — its read side caught up with the journal
 *       (--node-startup-grace-period, counted from the controller's informers having synced):
 *       reading 780,000 events took 52 of the 60 s before, and the agents start only then;</li>
 *   <li>time the entity spent recovering or writing, its agent's heartbeats waiting behind it,
 *       does not age the lease;</li>
 *   <li>a node whose agent's member has not joined the cluster yet — a restarted cluster starts
 *       its members one after the other, each reading the whole journal first — is held while
 *       this JVM is within {@code memberWait} of that moment, and gets {@code startupGrace} from the
 *       last moment its member was seen missing. A member that never comes back costs its pods at
 *       most that much; one downed or removed meanwhile ends the lease at once.</li>
 * </ul>
 */
final class NodeLease {
  private final Duration grace;
  private final Duration evictionDelay;
  private final Duration evictionAfterMemberDown;
  private final Duration startupGrace;
  private final Duration memberWait;
  private final Duration graceAfterStart;
  private Instant lastHeartbeat;
  private Instant memberDownAt;

  NodeLease(ControlSettings settings, Instant now) {
    this(settings.nodeGracePeriod(), settings.nodeEvictionDelay(), settings.nodeEvictionAfterMemberDown(),
        settings.nodeGraceAfterStart(), settings.nodeStartupGrace(), settings.nodeStartupMemberWait(), now);
  }

  NodeLease(Duration grace, Duration evictionDelay, Duration evictionAfterMemberDown, Duration graceAfterStart,
      Duration startupGrace, Duration memberWait, Instant now) {
    this.grace = grace;
    this.evictionDelay = evictionDelay;
    this.evictionAfterMemberDown = evictionAfterMemberDown;
    this.startupGrace = startupGrace;
    this.memberWait = memberWait;
    this.graceAfterStart = graceAfterStart;
    recovered(now);
  }

  /**
   * The entity has recovered its state (commands wait while it does): the agent has
   * {@code graceAfterStart} from now to be heard, however long the recovery took.
   */
  void recovered(Instant now) {
    Duration head = grace.minus(graceAfterStart);
    Instant heard = now.minus(head.isNegative() ? Duration.ZERO : head);
    if (lastHeartbeat == null || heard.isAfter(lastHeartbeat)) {
      lastHeartbeat = heard;
    }
  }

  /**
   * The entity could not hear its agent from {@code from} to {@code to} (it was writing: the
   * heartbeats meanwhile wait behind the write): that time does not age the lease. Without this a
   * journal slower than the grace period made every node that wrote NotReady, its heartbeats
   * queued behind the write (the 150,000-pod restart, bench/results).
   */
  void blocked(Instant from, Instant to) {
    if (from.isBefore(to) && lastHeartbeat.isBefore(to)) {
      Instant shifted = lastHeartbeat.plus(Duration.between(from, to));
      lastHeartbeat = shifted.isAfter(to) ? to : shifted;
    }
  }

  /** The agent was heard. */
  void heartbeat(Instant now) {
    lastHeartbeat = now;
  }

  /** The agent announced the node: its member (perhaps a new incarnation at that address) lives. */
  void registered(Instant now) {
    lastHeartbeat = now;
    memberDownAt = null;
  }

  /**
   * The node existed before this JVM's control plane started at {@code started} (its read side
   * caught up with the journal): not lost within the startup grace of that.
   */
  void existedBefore(Instant started) {
    floor(started.plus(startupGrace));
  }

  /**
   * The node's member is not (yet) in the cluster, as seen at {@code now}: held while within
   * {@code memberWait} of the control plane's start; returns whether it was.
   */
  boolean awaitMember(Instant now, Instant started) {
    if (memberDownAt != null || !now.isBefore(started.plus(memberWait))) {
      return false;
    }
    floor(now.plus(startupGrace));
    return true;
  }

  /** The cluster downed or removed the node's member: the lease ends now; true the first time. */
  boolean memberGone(Instant now) {
    if (memberDownAt != null) {
      return false;
    }
    memberDownAt = now;
    return true;
  }

  /** Whether the lease was ended by the cluster's verdict on the agent's member (downed), not by silence. */
  boolean endedByMember() {
    return memberDownAt != null;
  }

  /** Whether the node should not be Ready. */
  boolean expired(Instant now) {
    return memberDownAt != null || lastHeartbeat.plus(grace).isBefore(now);
  }

  /** Whether the node's pods are lost (when it is not Ready and its member is not merely unreachable). */
  boolean evictable(Instant now) {
    return memberDownAt != null ? !memberDownAt.plus(evictionAfterMemberDown).isAfter(now)
        : lastHeartbeat.plus(grace).plus(evictionDelay).isBefore(now);
  }

  /** The lease does not run out before {@code until}. */
  private void floor(Instant until) {
    Instant heard = until.minus(grace);
    if (heard.isAfter(lastHeartbeat)) {
      lastHeartbeat = heard;
    }
  }
}
