package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.expr;
import static dev.orca.scheduler.Fixtures.fieldTerm;
import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static dev.orca.scheduler.Fixtures.term;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orca.model.NodeSelectorTerm;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeAffinityFilterTest {
  private static final Optional<String> REJECTED = Optional.of("node(s) didn't match Pod's node affinity/selector");
  private final NodeAffinityFilter filter = new NodeAffinityFilter();
  private final NodeInfo ssd = NodeInfo.of(node("ssd-1").label("disk", "ssd").label("cores", "16").build(), List.of());

  private Optional<String> affinity(NodeSelectorTerm... terms) {
    Fixtures.PodBuilder p = pod("p");
    for (NodeSelectorTerm t : terms) {
      p.requiredNodeAffinity(t);
    }
    return filter.filter(p.build(), ssd, null);
  }

  @Test
  void nodeSelectorNeedsEveryLabel() {
    assertEquals(Optional.empty(), filter.filter(pod("p").nodeSelector("disk", "ssd").build(), ssd, null));
    assertEquals(REJECTED, filter.filter(pod("p").nodeSelector("disk", "hdd").build(), ssd, null));
    assertEquals(REJECTED, filter.filter(pod("p").nodeSelector("disk", "ssd").nodeSelector("gpu", "yes").build(), ssd,
        null));
  }

  @Test
  void operators() {
    assertEquals(Optional.empty(), affinity(term(expr("disk", "In", "ssd", "nvme"))));
    assertEquals(REJECTED, affinity(term(expr("disk", "In", "hdd"))));
    assertEquals(Optional.empty(), affinity(term(expr("disk", "NotIn", "hdd"))));
    assertEquals(REJECTED, affinity(term(expr("disk", "NotIn", "ssd"))));
    assertEquals(Optional.empty(), affinity(term(expr("disk", "Exists"))));
    assertEquals(REJECTED, affinity(term(expr("gpu", "Exists"))));
    assertEquals(Optional.empty(), affinity(term(expr("gpu", "DoesNotExist"))));
    assertEquals(Optional.empty(), affinity(term(expr("cores", "Gt", "8"))));
    assertEquals(REJECTED, affinity(term(expr("cores", "Gt", "16"))));
    assertEquals(Optional.empty(), affinity(term(expr("cores", "Lt", "32"))));
  }

  @Test
  void termsAreOredAndExpressionsAnded() {
    assertEquals(Optional.empty(), affinity(term(expr("disk", "In", "hdd")), term(expr("cores", "Gt", "4"))));
    assertEquals(REJECTED, affinity(term(expr("disk", "In", "ssd"), expr("cores", "Gt", "32"))));
    assertEquals(REJECTED, affinity(new NodeSelectorTerm(List.of(), List.of())));
  }

  @Test
  void matchFieldsOnTheNodeName() {
    assertEquals(Optional.empty(), affinity(fieldTerm(expr("metadata.name", "In", "ssd-1"))));
    assertEquals(REJECTED, affinity(fieldTerm(expr("metadata.name", "In", "other"))));
    assertEquals(REJECTED, affinity(fieldTerm(expr("metadata.name", "NotIn", "ssd-1"))));
  }
}
