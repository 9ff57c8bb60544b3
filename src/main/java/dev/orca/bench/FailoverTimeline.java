package dev.orca.bench;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When the bench first saw each stage of a failover, in seconds after the kill: the cluster's
 * verdict on the victim (as a survivor's Pekko Management shows it), then what the API shows of
 * its nodes, its pods and their replacements. Pure: it only looks at the samples it is given.
 */
public final class FailoverTimeline {

  /** The stages, in the order they are expected. */
  public enum Stage {
    /** a survivor sees the victim unreachable (or already down or gone) */
    UNREACHABLE("unreach."),
    /** the victim's status is Down (the SBR's verdict) or it is gone */
    DOWNED("downed"),
    /** the victim is no longer a member */
    REMOVED("removed"),
    /** every node of the victim is NotReady */
    NODES_NOT_READY("NotReady"),
    /** a pod of the victim's nodes no longer counts (Failed/NodeLost, deleting or gone) */
    FIRST_POD_LOST("1st lost"),
    /** none of them counts */
    ALL_PODS_LOST("all lost"),
    /** every Deployment has its replicas in active pods off the victim's nodes */
    CREATED("created"),
    /** ... and all of them are bound */
    BOUND("bound"),
    /** ... and all of them are Running and Ready */
    RUNNING("running"),
    /** every ReplicaSet's status counts its replicas available, the lost pods no longer among them */
    RS_AVAILABLE("RS avail."),
    /** every Deployment is available, exact, and no lost pod counts: the bench's "recovered" */
    RECOVERED("recovered");

    private final String label;

    Stage(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The victim as a survivor's {@code /cluster/members} shows it. */
  public enum MemberState { UP, UNREACHABLE, DOWN, GONE, UNKNOWN }

  /** One pod of the sample. */
  public record Pod(String name, String app, String node, boolean active, boolean running) {}

  /** What one sample shows, in seconds after the kill. */
  public record Sample(double at, MemberState victim, boolean nodesNotReady, List<Pod> pods,
      Map<String, Integer> replicaSetsAvailable, boolean recovered) {}

  private final Set<String> victimPods;
  private final Collection<String> deployments;
  private final int replicas;
  private final Map<Stage, Double> seen = new EnumMap<>(Stage.class);

  public FailoverTimeline(Set<String> victimPods, Collection<String> deployments, int replicas) {
    this.victimPods = Set.copyOf(victimPods);
    this.deployments = List.copyOf(deployments);
    this.replicas = replicas;
  }

  /** Notes every stage this sample shows that had not been seen yet. */
  public void observe(Sample s) {
    MemberState v = s.victim();
    mark(Stage.UNREACHABLE, s, v == MemberState.UNREACHABLE || v == MemberState.DOWN || v == MemberState.GONE);
    mark(Stage.DOWNED, s, v == MemberState.DOWN || v == MemberState.GONE);
    mark(Stage.REMOVED, s, v == MemberState.GONE);
    mark(Stage.NODES_NOT_READY, s, s.nodesNotReady());
    Set<String> stillCounted = s.pods().stream().filter(p -> p.active() && victimPods.contains(p.name()))
        .map(Pod::name).collect(Collectors.toSet());
    mark(Stage.FIRST_POD_LOST, s, !victimPods.isEmpty() && stillCounted.size() < victimPods.size());
    mark(Stage.ALL_PODS_LOST, s, stillCounted.isEmpty());
    List<Pod> others = s.pods().stream().filter(p -> p.active() && !victimPods.contains(p.name())).toList();
    Map<String, Long> perApp = others.stream().collect(Collectors.groupingBy(Pod::app, Collectors.counting()));
    boolean created = deployments.stream().allMatch(d -> perApp.getOrDefault(d, 0L) >= replicas);
    mark(Stage.CREATED, s, created);
    mark(Stage.BOUND, s, created && others.stream().allMatch(p -> !p.node().isEmpty()));
    mark(Stage.RUNNING, s, created && others.stream().allMatch(Pod::running));
    // before the lost pods are lost, the ReplicaSets still count them
    mark(Stage.RS_AVAILABLE, s, created && stillCounted.isEmpty()
        && deployments.stream().allMatch(d -> s.replicaSetsAvailable().getOrDefault(d, 0) >= replicas));
    mark(Stage.RECOVERED, s, s.recovered());
  }

  private void mark(Stage stage, Sample s, boolean reached) {
    if (reached) {
      seen.putIfAbsent(stage, s.at());
    }
  }

  /** Seconds after the kill, or -1 when not seen. */
  public double at(Stage stage) {
    return seen.getOrDefault(stage, -1.0);
  }

  /** The stages seen so far. */
  public Map<Stage, Double> seen() {
    return Map.copyOf(seen);
  }

  /** One cell per stage: its time, "–" when not seen. */
  public List<String> cells() {
    return java.util.Arrays.stream(Stage.values())
        .map(st -> seen.containsKey(st) ? String.format(Locale.ROOT, "%.1f", seen.get(st)) : "–").toList();
  }
}
