package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeResourcesFitTest {
  private final NodeResourcesFit fit = new NodeResourcesFit();

  private static NodeInfo withPods(Fixtures.NodeBuilder node, Fixtures.PodBuilder... bound) {
    ClusterSnapshot s = ClusterSnapshot.of(List.of(node.build()),
        Arrays.stream(bound).map(b -> b.onNode("n").build()).toList());
    return s.node("n");
  }

  @Test
  void fitsWhenRequestsFitWhatIsLeft() {
    NodeInfo n = withPods(node("n").cpu("2").memory("4Gi"), pod("a").requests("1", "2Gi"));
    assertEquals(Optional.empty(), fit.filter(pod("p").requests("1", "2Gi").build(), n, null));
  }

  @Test
  void reportsInsufficientCpuAndMemory() {
    NodeInfo n = withPods(node("n").cpu("2").memory("4Gi"), pod("a").requests("1500m", "3Gi"));
    assertEquals(Optional.of("Insufficient cpu"), fit.filter(pod("p").requests("600m", "1Gi").build(), n, null));
    assertEquals(Optional.of("Insufficient memory"), fit.filter(pod("p").requests("500m", "2Gi").build(), n, null));
    assertEquals(List.of("Insufficient cpu", "Insufficient memory"),
        fit.failures(pod("p").requests("1", "2Gi").build(), n, null));
  }

  @Test
  void reportsTooManyPods() {
    NodeInfo n = withPods(node("n").maxPods("1"), pod("a"));
    assertEquals(Optional.of("Too many pods"), fit.filter(pod("p").build(), n, null));
  }

  @Test
  void aPodRequestingNothingFitsAFullNode() {
    NodeInfo n = withPods(node("n").cpu("1"), pod("a").requests("1", null));
    assertEquals(Optional.empty(), fit.filter(pod("p").build(), n, null));
  }
}
