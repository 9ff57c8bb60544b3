package dev.orca.control;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How fast the nodes whose lease ran out may lose their pods, zone by zone — the eviction pacing of
 * kube-controller-manager's node lifecycle controller. Pure: it is told the time and each zone's
 * census.
 *
 * <p>A lease runs out when the agent's heartbeats stop arriving, and that has two causes that look
 * alike from here: the agent died, or the path from it to its node's entity is overloaded (a
 * restart of the whole cluster at 150,000 pods on two cores: late heartbeats lost 57,000 live bare
 * pods, bench/results). One dead node is evicted at once (each zone's bucket starts full); many at a
 * time are evicted at {@code rate} nodes a second per zone; and a zone where at least
 * {@code unhealthyThreshold} of the nodes (more than two) are not Ready is in partial disruption:
 * its nodes are evicted at {@code secondaryRate}, or not at all in a zone of at most
 * {@code largeZoneSize} nodes — a zone that falls silent all at once more likely has trouble
 * reaching the control plane than that many dead agents. When every zone is fully disrupted no
 * node is evicted at all (the control plane suspects itself, as Kubernetes' "master disruption
 * mode"). A node whose agent's member the cluster has downed does not come through here: that
 * verdict is certain, and its pods are replaced at once.
 */
final class EvictionPacer {

  /** What a zone looks like: its nodes, and how many of them are not Ready. */
  record ZoneCensus(int nodes, int notReady) {
    /** A zone the census has not seen (a node registered since it was counted). */
    static final ZoneCensus NONE = new ZoneCensus(0, 0);
  }

  private final double rate;
  private final double secondaryRate;
  private final double unhealthyThreshold;
  private final int largeZoneSize;
  private final Map<String, Bucket> buckets = new HashMap<>();

  EvictionPacer(double rate, double secondaryRate, double unhealthyThreshold, int largeZoneSize) {
    this.rate = rate;
    this.secondaryRate = secondaryRate;
    this.unhealthyThreshold = unhealthyThreshold;
    this.largeZoneSize = largeZoneSize;
  }

  /**
   * May a node of {@code zone} lose its pods now? Takes the zone's permit when it may. {@code zones}
   * is every zone's census, the node's own among them.
   */
  boolean tryEvict(String zone, Map<String, ZoneCensus> zones, Instant now) {
    double zoneRate = rate(zones.getOrDefault(zone, ZoneCensus.NONE), allFullyDisrupted(zones));
    if (zoneRate <= 0) {
      return false;
    }
    return buckets.computeIfAbsent(zone, z -> new Bucket(now)).take(zoneRate, now);
  }

  /** The zone's eviction rate in nodes a second (0: none). */
  double rate(ZoneCensus census, boolean allFullyDisrupted) {
    if (allFullyDisrupted) {
      return 0;
    }
    if (partiallyDisrupted(census) && census.notReady() < census.nodes()) {
      return census.nodes() > largeZoneSize ? secondaryRate : 0;
    }
    return rate;
  }

  private boolean partiallyDisrupted(ZoneCensus census) {
    return census.notReady() > 2 && census.notReady() >= unhealthyThreshold * census.nodes();
  }

  private static boolean allFullyDisrupted(Map<String, ZoneCensus> zones) {
    return !zones.isEmpty() && zones.values().stream().allMatch(z -> z.nodes() > 0 && z.notReady() >= z.nodes());
  }

  /** One permit to start with, then one every 1/rate seconds (a full bucket holds one). */
  private static final class Bucket {
    private Instant next;

    Bucket(Instant now) {
      this.next = now;
    }

    boolean take(double rate, Instant now) {
      if (now.isBefore(next)) {
        return false;
      }
      next = now.plus(Duration.ofNanos((long) (1e9 / rate)));
      return true;
    }
  }
}
