package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeNameTest {
  private final NodeName filter = new NodeName();
  private final NodeInfo a = NodeInfo.of(node("a").build(), List.of());

  @Test
  void aPodWithoutNodeNameFitsAnyNode() {
    assertEquals(Optional.empty(), filter.filter(pod("p").build(), a, null));
  }

  @Test
  void aPodNamingANodeFitsOnlyThatNode() {
    assertEquals(Optional.empty(), filter.filter(pod("p").onNode("a").build(), a, null));
    assertEquals(Optional.of("node(s) didn't match the requested node name"),
        filter.filter(pod("p").onNode("b").build(), a, null));
  }
}
