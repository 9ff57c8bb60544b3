package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static dev.orca.scheduler.Fixtures.toleration;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeUnschedulableTest {
  private final NodeUnschedulable filter = new NodeUnschedulable();
  private final NodeInfo cordoned = NodeInfo.of(node("a").unschedulable().build(), List.of());

  @Test
  void aCordonedNodeTakesNoPods() {
    assertEquals(Optional.of("node(s) were unschedulable"), filter.filter(pod("p").build(), cordoned, null));
    assertEquals(Optional.empty(), filter.filter(pod("p").build(), NodeInfo.of(node("b").build(), List.of()), null));
  }

  @Test
  void unlessThePodToleratesTheUnschedulableTaint() {
    assertEquals(Optional.empty(), filter.filter(pod("p")
        .tolerate(toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule")).build(), cordoned, null));
    assertEquals(Optional.empty(), filter.filter(pod("p").tolerate(toleration(null, "Exists", null, null)).build(),
        cordoned, null));
    assertEquals(Optional.of("node(s) were unschedulable"), filter.filter(pod("p")
        .tolerate(toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoExecute")).build(), cordoned, null));
  }
}
