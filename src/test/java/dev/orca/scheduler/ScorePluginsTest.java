package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three score plugins, each on its own. */
class ScorePluginsTest {
  private static NodeInfo node(String cpu, String memory, Fixtures.PodBuilder... bound) {
    return ClusterSnapshot.of(List.of(Fixtures.node("n").cpu(cpu).memory(memory).build()),
        Arrays.stream(bound).map(b -> b.onNode("n").build()).toList()).node("n");
  }

  @Test
  void leastAllocatedAveragesTheFreeFractionsAfterPlacement() {
    LeastAllocated plugin = new LeastAllocated();
    // cpu: (4000 - 1000 - 1000) / 4000 = 50; memory: (8 - 2 - 2) / 8 = 50
    assertEquals(50, plugin.score(pod("p").requests("1", "2Gi").build(),
        node("4", "8Gi", pod("a").requests("1", "2Gi")), null));
    assertEquals(100 * 3 / 4, plugin.score(pod("p").requests("1", "2Gi").build(), node("4", "8Gi"), null));
    assertEquals(0, plugin.score(pod("p").requests("8", "16Gi").build(), node("4", "8Gi"), null));
    assertTrue(plugin.score(pod("p").build(), node("4", "8Gi"), null) < 100, "request-less pods weigh something");
  }

  @Test
  void balancedAllocationPrefersEvenUse() {
    BalancedAllocation plugin = new BalancedAllocation();
    assertEquals(100, plugin.score(pod("p").requests("2", "4Gi").build(), node("4", "8Gi"), null));
    // cpu 100% used, memory 0%: deviation 0.5
    assertEquals(50, plugin.score(pod("p").requests("4", null).build(), node("4", "8Gi"), null));
    int skewed = plugin.score(pod("p").requests("1", "512Mi").build(), node("4", "8Gi", pod("a").requests("2", null)),
        null);
    int even = plugin.score(pod("p").requests("1", "512Mi").build(), node("4", "8Gi", pod("a").requests(null, "4Gi")),
        null);
    assertTrue(even > skewed, even + " > " + skewed);
  }

  @Test
  void selectorSpreadCountsSiblingsByControllerThenByLabels() {
    SelectorSpread plugin = new SelectorSpread();
    NodeInfo n = node("4", "8Gi", pod("r1").ownedBy("rs-1"), pod("r2").ownedBy("rs-1"), pod("o").ownedBy("rs-2"),
        pod("l1").label("app", "solo"), pod("l2").label("app", "solo").label("x", "y"));
    assertEquals(100 / 3, plugin.score(pod("r3").ownedBy("rs-1").build(), n, null));
    assertEquals(100 / 2, plugin.score(pod("o2").ownedBy("rs-2").build(), n, null));
    assertEquals(100, plugin.score(pod("new").ownedBy("rs-3").build(), n, null));
    assertEquals(100 / 2, plugin.score(pod("l3").label("app", "solo").build(), n, null));
    assertEquals(100, plugin.score(pod("l4").namespace("other").label("app", "solo").build(), n, null));
    assertEquals(100, plugin.score(pod("bare").build(), n, null));
  }
}
