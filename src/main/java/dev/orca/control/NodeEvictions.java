package dev.orca.control;

import dev.orca.model.Node;
import dev.orca.model.ResourceType;
import dev.orca.store.Store;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * This JVM's eviction pacing ({@link EvictionPacer}) with the zones' census from its read side,
 * counted at most once a second. Every {@link NodeEntity} hosted here whose lease ran out asks it
 * before the node's pods are lost; the node entities of a zone are spread over the control members,
 * so the cluster's rate per zone is the configured one times the control members.
 *
 * <p>A node's zone is its {@code topology.kubernetes.io/zone} label, or else the member that runs
 * its agent ({@link NodeEntity#MEMBER_ANNOTATION}): simulated nodes of one member share its fate
 * as the nodes of one zone do.
 */
public final class NodeEvictions implements Extension {

  static final String ZONE_LABEL = "topology.kubernetes.io/zone";
  private static final Duration CENSUS_AGE = Duration.ofSeconds(1);
  private static final Duration HELD_LOG_INTERVAL = Duration.ofSeconds(10);
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NodeEvictions.class);

  private final WatchCache cache;
  private final EvictionPacer pacer;
  private Map<String, EvictionPacer.ZoneCensus> census = Map.of();
  private Instant countedAt = Instant.MIN;
  /** Per zone, how many times a node was refused since the last log line. */
  private final Map<String, Integer> held = new HashMap<>();
  private Instant heldLoggedAt = Instant.MIN;

  private NodeEvictions(ActorSystem<?> system) {
    this.cache = Store.get(system).cache();
    ControlSettings settings = ControlSettings.from(system.settings().config());
    this.pacer = new EvictionPacer(settings.nodeEvictionRate(), settings.nodeSecondaryEvictionRate(),
        settings.unhealthyZoneThreshold(), settings.largeZoneSize());
  }

  public static NodeEvictions get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /**
   * May the pods of this node, whose lease ran out, be lost now? Takes its zone's permit if so. A
   * zone whose nodes wait is logged at most every {@link #HELD_LOG_INTERVAL}, not once per node: in a
   * storm of late heartbeats thousands of nodes wait at once.
   */
  synchronized boolean tryEvict(Node node, Instant now) {
    if (countedAt.plus(CENSUS_AGE).isBefore(now)) {
      census = count();
      countedAt = now;
    }
    String zone = zone(node);
    boolean may = pacer.tryEvict(zone, census, now);
    if (!may) {
      held.merge(zone, 1, Integer::sum);
      if (heldLoggedAt.plus(HELD_LOG_INTERVAL).isBefore(now)) {
        heldLoggedAt = now;
        held.forEach((z, n) -> {
          EvictionPacer.ZoneCensus c = census.getOrDefault(z, EvictionPacer.ZoneCensus.NONE);
          log.info("evictions paced in zone '{}' ({} of {} nodes not Ready): {} refused in the last {} s", z,
              c.notReady(), c.nodes(), n, HELD_LOG_INTERVAL.toSeconds());
        });
        held.clear();
      }
    }
    return may;
  }

  private Map<String, EvictionPacer.ZoneCensus> count() {
    Map<String, int[]> counts = new HashMap<>();
    for (StoredObject o : cache.all(ResourceType.NODE)) {
      Node node = (Node) o.object();
      int[] c = counts.computeIfAbsent(zone(node), z -> new int[2]);
      c[0]++;
      if (!NodeEntity.isReady(node)) {
        c[1]++;
      }
    }
    Map<String, EvictionPacer.ZoneCensus> zones = new HashMap<>();
    counts.forEach((zone, c) -> zones.put(zone, new EvictionPacer.ZoneCensus(c[0], c[1])));
    return zones;
  }

  static String zone(Node node) {
    String zone = node.metadata().labelsOrEmpty().get(ZONE_LABEL);
    if (zone == null) {
      zone = node.metadata().annotationsOrEmpty().get(NodeEntity.MEMBER_ANNOTATION);
    }
    return zone == null ? "" : zone;
  }

  private static final class Id extends ExtensionId<NodeEvictions> {
    static final Id INSTANCE = new Id();

    @Override
    public NodeEvictions createExtension(ActorSystem<?> system) {
      return new NodeEvictions(system);
    }
  }
}
