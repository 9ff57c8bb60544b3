package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.antiTerm;
import static dev.orca.scheduler.Fixtures.expr;
import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static dev.orca.scheduler.Fixtures.term;
import static dev.orca.scheduler.Fixtures.toleration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.Node;
import dev.orca.model.Pod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The standard pipeline, driven through the harness as the scheduler would drive it. */
class SchedulingPipelineTest {
  private static final String HOSTNAME = "kubernetes.io/hostname";

  @Test
  void placesAPodWhereItsRequestsFit() {
    SchedulerHarness h = new SchedulerHarness()
        .nodes(node("small").cpu("1").memory("1Gi"), node("big").cpu("8").memory("16Gi"))
        .bound(pod("hog").requests("500m", "512Mi").onNode("small"));
    h.schedule(pod("p").requests("2", "1Gi"));
    assertEquals("big", h.nodeOf("p"));
  }

  @Test
  void reportsInsufficientResourcesPerNode() {
    SchedulerHarness h = new SchedulerHarness()
        .nodes(node("a").cpu("1").memory("8Gi"), node("b").cpu("8").memory("1Gi"), node("c").cpu("1").memory("1Gi"));
    h.schedule(pod("p").requests("2", "2Gi"));
    assertEquals("0/3 nodes are available: 2 Insufficient cpu, 2 Insufficient memory.",
        h.messageOf("p"));
  }

  @Test
  void matchesTheBriefsExampleMessage() {
    SchedulerHarness h = new SchedulerHarness().nodes(node("a").cpu("1"),
        node("g1").taint("dedicated", "gpu", "NoSchedule"), node("g2").taint("dedicated", "gpu", "NoSchedule"));
    h.schedule(pod("p").requests("2", null));
    assertEquals("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {dedicated: gpu}.",
        h.messageOf("p"));
  }

  @Test
  void reasonsAreSortedAsKubeSchedulerSortsThem() {
    assertEquals("0/12 nodes are available: 10 node(s) were unschedulable, 2 Insufficient cpu.",
        SchedulingPipeline.fitError(12, Map.of("Insufficient cpu", 2, "node(s) were unschedulable", 10)));
  }

  @Test
  void aNodeCountsUnderItsFirstFailingFilterOnly() {
    SchedulerHarness h = new SchedulerHarness().nodes(node("a").cpu("1").unschedulable().taint("k", "v", "NoSchedule"));
    h.schedule(pod("p").requests("2", null).nodeSelector("x", "y"));
    assertEquals("0/1 nodes are available: 1 node(s) were unschedulable.", h.messageOf("p"));
  }

  @Test
  void noNodesAtAll() {
    SchedulerHarness h = new SchedulerHarness();
    h.schedule(pod("p"));
    assertEquals("no nodes available to schedule pods", h.messageOf("p"));
  }

  @Test
  void nodeSelector() {
    SchedulerHarness h = new SchedulerHarness()
        .nodes(node("a").label("disk", "hdd"), node("b").label("disk", "ssd"), node("c"));
    h.schedule(pod("p").nodeSelector("disk", "ssd"), pod("q").nodeSelector("disk", "tape"));
    assertEquals("b", h.nodeOf("p"));
    assertEquals("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.", h.messageOf("q"));
  }

  @Test
  void requiredNodeAffinityOperators() {
    SchedulerHarness h = new SchedulerHarness().nodes(
        node("small").label("size", "s").label("cores", "2"),
        node("large").label("size", "l").label("cores", "32").label("gpu", "a100"),
        node("medium").label("size", "m").label("cores", "8"));
    h.schedule(
        pod("in").requiredNodeAffinity(term(expr("size", "In", "m", "x"))),
        pod("notin").requiredNodeAffinity(term(expr("size", "NotIn", "s", "m"))),
        pod("exists").requiredNodeAffinity(term(expr("gpu", "Exists"))),
        pod("gt").requiredNodeAffinity(term(expr("cores", "Gt", "4"), expr("cores", "Lt", "16"))),
        pod("none").requiredNodeAffinity(term(expr("cores", "Gt", "64"))));
    assertEquals("medium", h.nodeOf("in"));
    assertEquals("large", h.nodeOf("notin"));
    assertEquals("large", h.nodeOf("exists"));
    assertEquals("medium", h.nodeOf("gt"));
    assertEquals("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.", h.messageOf("none"));
  }

  @Test
  void taintsKeepPodsAwayUnlessTolerated() {
    SchedulerHarness h = new SchedulerHarness().nodes(
        node("gpu-1").taint("dedicated", "gpu", "NoSchedule"), node("gpu-2").taint("dedicated", "gpu", "NoExecute"));
    h.schedule(pod("plain"), pod("tolerant").tolerate(toleration("dedicated", "Equal", "gpu", null)),
        pod("half").tolerate(toleration("dedicated", "Equal", "gpu", "NoSchedule")));
    assertEquals("0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}.", h.messageOf("plain"));
    assertTrue(Set.of("gpu-1", "gpu-2").contains(h.nodeOf("tolerant")));
    assertEquals("gpu-1", h.nodeOf("half"));
  }

  @Test
  void unschedulableNodesTakeNothingNew() {
    SchedulerHarness h = new SchedulerHarness().nodes(node("cordoned").unschedulable(), node("open"));
    h.schedule(pod("p1"), pod("p2"), pod("p3"));
    assertEquals(Map.of("cordoned", 0, "open", 3), h.podsPerNode());
    SchedulerHarness all = new SchedulerHarness().nodes(node("a").unschedulable(), node("b").unschedulable());
    all.schedule(pod("p"), pod("daemon").tolerate(toleration("node.kubernetes.io/unschedulable", "Exists", null,
        "NoSchedule")));
    assertEquals("0/2 nodes are available: 2 node(s) were unschedulable.", all.messageOf("p"));
    assertInstanceOf(SchedulingResult.Scheduled.class, all.result("daemon"));
  }

  @Test
  void notReadyNodesAreAvoided() {
    SchedulerHarness h = new SchedulerHarness().nodes(node("down").ready("False"), node("up"));
    h.schedule(pod("p1"), pod("p2"));
    assertEquals(Map.of("down", 0, "up", 2), h.podsPerNode());
    SchedulerHarness down = new SchedulerHarness().nodes(node("a").ready("False"), node("b").ready("Unknown"));
    down.schedule(pod("p"));
    assertEquals("0/2 nodes are available: 2 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.",
        down.messageOf("p"));
  }

  @Test
  void antiAffinityOnHostnameLeavesTheThirdReplicaUnschedulable() {
    SchedulerHarness h = new SchedulerHarness().nodes(node("a"), node("b"));
    h.schedule(replica("web-1"), replica("web-2"), replica("web-3"));
    assertEquals(Set.of("a", "b"), Set.of(h.nodeOf("web-1"), h.nodeOf("web-2")));
    assertEquals("0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules.", h.messageOf("web-3"));
  }

  @Test
  void antiAffinityHoldsAcrossBatches() {
    SchedulerHarness h = new SchedulerHarness().nodes(node("a"), node("b"), node("c"));
    h.schedule(replica("web-1"));
    h.schedule(replica("web-2"));
    h.schedule(replica("web-3"), replica("web-4"));
    assertEquals(Map.of("a", 1, "b", 1, "c", 1), h.podsPerNode());
    assertEquals("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.", h.messageOf("web-4"));
  }

  @Test
  void spreadsAReplicaSetEvenlyOverEqualNodes() {
    SchedulerHarness h = new SchedulerHarness().nodes(node("a"), node("b"), node("c"));
    List<Fixtures.PodBuilder> replicas = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      replicas.add(pod("rs-" + i).ownedBy("rs-uid").label("app", "web").requests("100m", "128Mi"));
    }
    h.schedule(replicas.toArray(Fixtures.PodBuilder[]::new));
    assertEquals(Map.of("a", 3, "b", 3, "c", 3), h.podsPerNode());
  }

  @Test
  void spreadsRequestlessReplicasToo() {
    SchedulerHarness h = new SchedulerHarness().nodes(node("a"), node("b"), node("c"));
    for (int i = 0; i < 9; i++) {
      h.schedule(pod("rs-" + i).ownedBy("rs-uid"));
    }
    assertEquals(Map.of("a", 3, "b", 3, "c", 3), h.podsPerNode());
  }

  @Test
  void aBatchNeverOverCommitsANode() {
    SchedulerHarness h = new SchedulerHarness().nodes(node("a").cpu("1"), node("b").cpu("1"), node("c").cpu("1"));
    List<Fixtures.PodBuilder> pods = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pods.add(pod("p" + i).requests("600m", null));
    }
    SchedulingBatch.Outcome outcome = h.schedule(pods.toArray(Fixtures.PodBuilder[]::new));
    assertEquals(Map.of("a", 1, "b", 1, "c", 1), h.podsPerNode());
    assertEquals("0/3 nodes are available: 3 Insufficient cpu.", h.messageOf("p3"));
    assertEquals("0/3 nodes are available: 3 Insufficient cpu.", h.messageOf("p4"));
    for (NodeInfo n : outcome.snapshot().nodes()) {
      assertTrue(n.requestedMilliCpu() <= n.allocatableMilliCpu(), n.name() + " over-committed");
    }
  }

  @Test
  void aBatchRespectsThePodLimitOfANode() {
    SchedulerHarness h = new SchedulerHarness().nodes(node("a").maxPods("2"));
    h.schedule(pod("p1"), pod("p2"), pod("p3"));
    assertEquals("0/1 nodes are available: 1 Too many pods.", h.messageOf("p3"));
  }

  @Test
  void tiesAreBrokenBySeededChoiceNotAlwaysTheFirstNode() {
    List<String> first = placeUnrelatedPods(SchedulingPipeline.standard(42));
    List<String> again = placeUnrelatedPods(SchedulingPipeline.standard(42));
    assertEquals(first, again, "the same seed makes the same choices");
    assertTrue(new HashSet<>(first).size() > 1, "equal nodes share the load: " + first);
  }

  private static List<String> placeUnrelatedPods(SchedulingPipeline pipeline) {
    List<Node> nodes = List.of(node("a").build(), node("b").build(), node("c").build(), node("d").build());
    ClusterSnapshot snapshot = ClusterSnapshot.of(nodes, List.of());
    List<String> placements = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      // Every placement evaluates against the same empty snapshot: all nodes always tie.
      SchedulingResult r = pipeline.schedule(pod("p" + i).build(), snapshot);
      placements.add(assertInstanceOf(SchedulingResult.Scheduled.class, r).nodeName());
    }
    return placements;
  }

  @Test
  void samplingBoundsTheWorkPerPodInALargeCluster() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      nodes.add(node(String.format("node-%04d", i)).build());
    }
    ClusterSnapshot snapshot = ClusterSnapshot.of(nodes, List.of());
    SchedulingPipeline pipeline = SchedulingPipeline.standard();

    SchedulingPipeline.Attempt first = pipeline.evaluate(pod("p1").requests("100m", "128Mi").build(), snapshot);
    assertEquals(500, first.nodesFiltered(), "10% of 5,000 nodes");
    assertEquals(500, first.nodesScored());
    assertTrue(nameOf(first).compareTo("node-0500") < 0, "the first window starts at node-0000: " + nameOf(first));

    SchedulingPipeline.Attempt second = pipeline.evaluate(pod("p2").requests("100m", "128Mi").build(), snapshot);
    assertEquals(500, second.nodesFiltered());
    assertTrue(nameOf(second).compareTo("node-0500") >= 0 && nameOf(second).compareTo("node-1000") < 0,
        "the next pod starts where the last stopped: " + nameOf(second));

    SchedulingPipeline.Attempt tooBig = pipeline.evaluate(pod("huge").requests("64", null).build(), snapshot);
    assertEquals(5000, tooBig.nodesFiltered(), "an unschedulable pod has looked at every node");
    assertEquals(new SchedulingResult.Unschedulable("0/5000 nodes are available: 5000 Insufficient cpu."),
        tooBig.result());
  }

  @Test
  void samplingKeepsLookingUntilEnoughNodesAreFeasible() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Fixtures.NodeBuilder b = node(String.format("node-%04d", i));
      nodes.add((i % 10 == 0 ? b : b.label("pool", "busy")).build());
    }
    SchedulingPipeline pipeline = new SchedulingPipeline(List.of(new NodeAffinityFilter()), List.of(),
        new NodeSampler(50, 5));
    SchedulingPipeline.Attempt a = pipeline.evaluate(pod("p").requiredNodeAffinity(term(expr("pool", "DoesNotExist")))
        .build(), ClusterSnapshot.of(nodes, List.of()));
    assertEquals(50, a.nodesScored());
    assertEquals(491, a.nodesFiltered(), "every tenth node fits: the 50th is node-0490");
  }

  @Test
  void aBatchReportsEveryDecisionInOrder() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(node("a").cpu("1").build()), List.of());
    List<Pod> pending = List.of(pod("x").requests("1", null).build(), pod("y").requests("1", null).build());
    SchedulingBatch.Outcome outcome = new SchedulingBatch(SchedulingPipeline.standard()).schedule(snapshot, pending);
    Map<String, SchedulingResult> byPod = new TreeMap<>();
    outcome.decisions().forEach(d -> byPod.put(d.pod().metadata().name(), d.result()));
    assertEquals(Map.of("x", new SchedulingResult.Scheduled("a"),
        "y", new SchedulingResult.Unschedulable("0/1 nodes are available: 1 Insufficient cpu.")), byPod);
    assertEquals(0, snapshot.node("a").pods().size(), "the input snapshot is untouched");
    assertEquals(1, outcome.snapshot().node("a").pods().size());
  }

  private static String nameOf(SchedulingPipeline.Attempt a) {
    return assertInstanceOf(SchedulingResult.Scheduled.class, a.result()).nodeName();
  }

  private static Fixtures.PodBuilder replica(String name) {
    return pod(name).ownedBy("web-rs").label("app", "web").antiAffinity(antiTerm(HOSTNAME, Map.of("app", "web")));
  }
}
