package dev.orca.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NodeSamplerTest {
  @Test
  void adaptiveFollowsKubeScheduler() {
    NodeSampler s = NodeSampler.adaptive();
    assertEquals(0, s.feasibleNodesToFind(0));
    assertEquals(99, s.feasibleNodesToFind(99));
    assertEquals(100, s.feasibleNodesToFind(150), "50% of 150 is below the floor of 100");
    assertEquals(420, s.feasibleNodesToFind(1000), "42%");
    assertEquals(500, s.feasibleNodesToFind(5000), "10%");
    assertEquals(750, s.feasibleNodesToFind(15000), "5% at the floor");
  }

  @Test
  void fixedPercentageAndAllNodes() {
    assertEquals(250, new NodeSampler(100, 5).feasibleNodesToFind(5000));
    assertEquals(100, new NodeSampler(100, 5).feasibleNodesToFind(1000));
    assertEquals(5000, NodeSampler.allNodes().feasibleNodesToFind(5000));
  }
}
