package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {
  @Test
  void countsBoundNonTerminalPodsAgainstTheirNode() {
    ClusterSnapshot s = ClusterSnapshot.of(List.of(node("a").build(), node("b").build()), List.of(
        pod("running").requests("1", "1Gi").onNode("a").phase("Running").build(),
        pod("done").requests("1", "1Gi").onNode("a").phase("Succeeded").build(),
        pod("failed").requests("1", "1Gi").onNode("a").phase("Failed").build(),
        pod("pending").requests("1", "1Gi").build(),
        pod("elsewhere").requests("1", "1Gi").onNode("gone").build()));
    NodeInfo a = s.node("a");
    assertEquals(1, a.pods().size());
    assertEquals(1000, a.requestedMilliCpu());
    assertEquals(1L << 30, a.requestedMemory());
    assertEquals(0, s.node("b").pods().size());
    assertNull(s.node("gone"));
    assertEquals(List.of("a", "b"), s.nodes().stream().map(NodeInfo::name).toList());
  }

  @Test
  void allocatableFallsBackToCapacityAndPodsDefaultTo110() {
    NodeInfo n = ClusterSnapshot.of(List.of(node("a").cpu("1500m").memory("2Gi").capacityOnly().build()), List.of())
        .node("a");
    assertEquals(1500, n.allocatableMilliCpu());
    assertEquals(2L << 30, n.allocatableMemory());
    assertEquals(110, n.allocatablePods());
    NodeInfo limited = ClusterSnapshot.of(List.of(node("b").maxPods("8").build()), List.of()).node("b");
    assertEquals(8, limited.allocatablePods());
    assertEquals(4000, limited.allocatableMilliCpu());
  }

  @Test
  void assumeReturnsANewSnapshotAndLeavesTheOldOneAlone() {
    ClusterSnapshot before = ClusterSnapshot.of(List.of(node("a").build()), List.of());
    ClusterSnapshot after = before.assume(pod("p").requests("500m", "1Gi").build(), "a");
    assertEquals(0, before.node("a").pods().size());
    assertEquals(1, after.node("a").pods().size());
    assertEquals(500, after.node("a").requestedMilliCpu());
    assertEquals("a", after.node("a").pods().get(0).spec().nodeName());
    assertThrows(IllegalArgumentException.class, () -> before.assume(pod("q").build(), "nope"));
  }

  @Test
  void aWorkingCopyTakesPlacementsInPlaceAndLeavesItsSourceAlone() {
    ClusterSnapshot source = ClusterSnapshot.of(List.of(node("a").build(), node("b").build()), List.of());
    ClusterSnapshot working = source.working();
    assertSame(working, working.assume(pod("p").requests("500m", "1Gi").build(), "a"));
    assertSame(working, working.assume(pod("q").requests("250m", "1Gi").build(), "a"));
    assertEquals(750, working.node("a").requestedMilliCpu());
    assertEquals(2, working.node("a").pods().size());
    assertEquals(0, source.node("a").pods().size());
    assertEquals(0, source.working().node("a").pods().size());
  }

  @Test
  void nodesByPositionShowThePlacementsOfEveryKindOfSnapshot() {
    ClusterSnapshot source = ClusterSnapshot.of(List.of(node("c").build(), node("a").build(), node("b").build()), List.of());
    ClusterSnapshot assumed = source.assume(pod("p").requests("100m", "1Gi").build(), "b"); // an immutable step
    ClusterSnapshot working = assumed.working(); // a working copy of a snapshot with a placement already
    working.assume(pod("q").requests("200m", "1Gi").build(), "c");
    working.assume(pod("r").requests("300m", "1Gi").build(), "b");
    for (ClusterSnapshot s : List.of(source, assumed, working)) {
      for (int i = 0; i < s.size(); i++) {
        assertSame(s.node(s.nodeAt(i).name()), s.nodeAt(i), "position " + i);
      }
    }
    assertEquals(List.of("a", "b", "c"), working.nodes().stream().map(NodeInfo::name).toList());
    assertEquals(List.of(0L, 400L, 200L), working.nodes().stream().map(NodeInfo::requestedMilliCpu).toList());
    assertEquals(List.of(0L, 100L, 0L), assumed.nodes().stream().map(NodeInfo::requestedMilliCpu).toList());
    assertEquals(List.of(0L, 0L, 0L), source.nodes().stream().map(NodeInfo::requestedMilliCpu).toList());
  }
}
