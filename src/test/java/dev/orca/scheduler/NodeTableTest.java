package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.antiTerm;
import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.Node;
import dev.orca.model.Pod;
import dev.orca.store.ObjectKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NodeTableTest {
  private final NodeTable table = new NodeTable();

  @Test
  void aPodCountsFromItsBindingUntilItEndsOrGoes() {
    table.putNode(node("a").build());
    Pod pending = pod("p").requests("1", "1Gi").ownedBy("rs-1").build();
    table.putPod(key(pending), pending);
    assertEquals(0, table.snapshot().node("a").pods().size());

    Pod bound = pod("p").requests("1", "1Gi").ownedBy("rs-1").onNode("a").build();
    table.putPod(key(bound), bound);
    NodeInfo a = table.snapshot().node("a");
    assertEquals(1, a.pods().size());
    assertEquals(1000, a.requestedMilliCpu());
    assertEquals(1, a.podsOfController("rs-1"));

    Pod done = pod("p").requests("1", "1Gi").ownedBy("rs-1").onNode("a").phase("Succeeded").build();
    table.putPod(key(done), done);
    a = table.snapshot().node("a");
    assertEquals(0, a.pods().size());
    assertEquals(0, a.requestedMilliCpu());
    assertEquals(0, a.podsOfController("rs-1"));

    table.putPod(key(bound), bound);
    table.putPod(key(bound), null);
    assertEquals(0, table.snapshot().node("a").pods().size());
    assertEquals(0, table.placedPods());
  }

  @Test
  void aStatusReportChangesNothingAndKeepsTheSnapshot() {
    table.putNode(node("a").build());
    Pod bound = pod("p").requests("1", "1Gi").onNode("a").build();
    table.putPod(key(bound), bound);
    ClusterSnapshot before = table.snapshot();
    Pod running = pod("p").requests("1", "1Gi").onNode("a").phase("Running").build();
    assertTrue(NodeTable.sameForScheduling(bound, running));
    table.putPod(key(running), running);
    assertSame(before, table.snapshot());
  }

  @Test
  void podsBoundToAnUnknownNodeCountOnceItAppearsAndAgainIfItReturns() {
    Pod early = pod("p").requests("500m", "1Gi").onNode("late").build();
    table.putPod(key(early), early);
    assertNull(table.snapshot().node("late"));
    table.putNode(node("late").build());
    assertEquals(500, table.snapshot().node("late").requestedMilliCpu());
    table.removeNode("late");
    assertNull(table.snapshot().node("late"));
    table.putNode(node("late").label("zone", "z1").build());
    NodeInfo back = table.snapshot().node("late");
    assertEquals(500, back.requestedMilliCpu());
    assertEquals("z1", back.labels().get("zone"));
  }

  @Test
  void aChangedNodeKeepsItsPodsAndTakesItsNewCapacity() {
    table.putNode(node("a").maxPods("10").build());
    Pod bound = pod("p").requests("1", "1Gi").onNode("a").build();
    table.putPod(key(bound), bound);
    table.putNode(node("a").maxPods("3").ready("False").build());
    NodeInfo a = table.snapshot().node("a");
    assertEquals(3, a.allocatablePods());
    assertEquals(1, a.pods().size());
    assertFalse(a.effectiveTaints().isEmpty(), "a node that is not Ready carries the not-ready taint");
  }

  @Test
  void keepsTheBoundPodsWithRequiredAntiAffinity() {
    table.putNode(node("a").build());
    Pod lonely = pod("lonely").label("app", "x").antiAffinity(antiTerm(AffinityTerms.HOSTNAME, Map.of("app", "x")))
        .onNode("a").build();
    table.putPod(key(lonely), lonely);
    Pod twin = pod("twin").label("app", "x").antiAffinity(antiTerm(AffinityTerms.HOSTNAME, Map.of("app", "x")))
        .onNode("a").build();
    table.putPod(key(twin), twin);
    String term = "default " + AffinityTerms.HOSTNAME + " " + antiTerm(AffinityTerms.HOSTNAME, Map.of("app", "x")).labelSelector();
    assertEquals(Map.of(term, Set.of("a")), antiAffinity(table.snapshot()),
        "two pods holding one term on one node: one term, one node");
    table.putPod(key(lonely), null);
    assertEquals(Map.of(term, Set.of("a")), antiAffinity(table.snapshot()));
    ClusterSnapshot before = table.snapshot();
    table.putPod(key(twin), null);
    assertEquals(Map.of(), antiAffinity(table.snapshot()));
    assertEquals(Map.of(term, Set.of("a")), antiAffinity(before), "a snapshot handed out keeps its terms");
  }

  /** Any order of changes ends where a snapshot built from the final objects would. */
  @Test
  void agreesWithASnapshotBuiltFromScratchAfterRandomChanges() {
    SplittableRandom random = new SplittableRandom(7);
    Map<String, Node> nodes = new LinkedHashMap<>();
    Map<ObjectKey, Pod> pods = new LinkedHashMap<>();
    for (int step = 0; step < 3_000; step++) {
      int roll = random.nextInt(100);
      if (roll < 5) {
        String name = "n" + random.nextInt(8);
        if (nodes.remove(name) != null) {
          table.removeNode(name);
        } else {
          Node n = node(name).maxPods(Integer.toString(5 + random.nextInt(20))).build();
          nodes.put(name, n);
          table.putNode(n);
        }
      } else {
        String name = "p" + random.nextInt(60);
        Fixtures.PodBuilder b = pod(name).requests((100 + random.nextInt(4) * 100) + "m", "64Mi")
            .ownedBy("rs-" + random.nextInt(3));
        if (random.nextInt(3) == 0) {
          String app = "app-" + random.nextInt(2);
          b.label("app", app).antiAffinity(antiTerm(AffinityTerms.HOSTNAME, Map.of("app", app)));
        }
        if (random.nextInt(4) > 0) {
          b.onNode("n" + random.nextInt(9));
        }
        String[] phases = {null, "Running", "Running", "Succeeded", "Failed"};
        String phase = phases[random.nextInt(phases.length)];
        if (phase != null) {
          b.phase(phase);
        }
        Pod p = b.build();
        if (random.nextInt(10) == 0) {
          pods.remove(key(p));
          table.putPod(key(p), null);
        } else {
          pods.put(key(p), p);
          table.putPod(key(p), p);
        }
      }
    }
    ClusterSnapshot expected = ClusterSnapshot.of(nodes.values(), pods.values());
    ClusterSnapshot actual = table.snapshot();
    assertEquals(expected.size(), actual.size());
    assertEquals(antiAffinity(expected), antiAffinity(actual));
    for (NodeInfo want : expected.nodes()) {
      NodeInfo got = actual.node(want.name());
      assertEquals(want.requestedMilliCpu(), got.requestedMilliCpu(), want.name());
      assertEquals(want.requestedMemory(), got.requestedMemory(), want.name());
      assertEquals(sorted(names(want.pods())), sorted(names(got.pods())), want.name());
      for (int rs = 0; rs < 3; rs++) {
        String uid = "rs-" + rs;
        long owned = want.pods().stream().filter(p -> uid.equals(p.metadata().controllerRef().uid())).count();
        assertEquals(owned, got.podsOfController(uid), want.name() + " " + uid);
      }
    }
  }

  /**
   * Each anti-affinity term (by its holder's namespace and topology key) with the nodes of the
   * snapshot running its holders; a holder on a node the snapshot does not know is not counted.
   */
  private static Map<String, Set<String>> antiAffinity(ClusterSnapshot snapshot) {
    Map<String, Set<String>> terms = new java.util.TreeMap<>();
    snapshot.forEachAntiAffinityTerm((held, nodes) -> {
      Set<String> known = new java.util.TreeSet<>();
      nodes.stream().filter(n -> snapshot.node(n) != null).forEach(known::add);
      if (!known.isEmpty()) {
        terms.merge(held.namespace() + " " + held.term().topologyKey() + " " + held.term().labelSelector(), known,
            (a, b) -> {
              Set<String> both = new java.util.TreeSet<>(a);
              both.addAll(b);
              return both;
            });
      }
    });
    return terms;
  }

  private static ObjectKey key(Pod pod) {
    return ObjectKey.of(pod);
  }

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.metadata().name()).toList();
  }

  private static List<String> sorted(List<String> names) {
    List<String> copy = new ArrayList<>(names);
    copy.sort(null);
    return copy;
  }
}
