package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static dev.orca.scheduler.Fixtures.toleration;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaintTolerationTest {
  private final TaintToleration filter = new TaintToleration();
  private final NodeInfo gpu = NodeInfo.of(node("g").taint("dedicated", "gpu", "NoSchedule").build(), List.of());

  @Test
  void anUntoleratedTaintRejectsWithKubeSchedulersWording() {
    assertEquals(Optional.of("node(s) had untolerated taint {dedicated: gpu}"), filter.filter(pod("p").build(), gpu,
        null));
  }

  @Test
  void tolerationsByValueByExistenceAndForEverything() {
    assertEquals(Optional.empty(), filter.filter(pod("p")
        .tolerate(toleration("dedicated", "Equal", "gpu", "NoSchedule")).build(), gpu, null));
    assertEquals(Optional.empty(), filter.filter(pod("p")
        .tolerate(toleration("dedicated", null, "gpu", null)).build(), gpu, null));
    assertEquals(Optional.empty(), filter.filter(pod("p")
        .tolerate(toleration("dedicated", "Exists", null, null)).build(), gpu, null));
    assertEquals(Optional.empty(), filter.filter(pod("p").tolerate(toleration(null, "Exists", null, null)).build(),
        gpu, null));
    assertEquals(Optional.of("node(s) had untolerated taint {dedicated: gpu}"), filter.filter(pod("p")
        .tolerate(toleration("dedicated", "Equal", "cpu", "NoSchedule")).build(), gpu, null));
    assertEquals(Optional.of("node(s) had untolerated taint {dedicated: gpu}"), filter.filter(pod("p")
        .tolerate(toleration("dedicated", "Exists", null, "NoExecute")).build(), gpu, null));
  }

  @Test
  void noExecuteBlocksAndPreferNoScheduleDoesNot() {
    NodeInfo draining = NodeInfo.of(node("d").taint("drain", null, "NoExecute").build(), List.of());
    NodeInfo soft = NodeInfo.of(node("s").taint("soft", "x", "PreferNoSchedule").build(), List.of());
    assertEquals(Optional.of("node(s) had untolerated taint {drain: }"), filter.filter(pod("p").build(), draining,
        null));
    assertEquals(Optional.empty(), filter.filter(pod("p").build(), soft, null));
  }

  @Test
  void aNodeThatIsNotReadyCountsAsTaintedNotReady() {
    NodeInfo notReady = NodeInfo.of(node("n").ready("False").build(), List.of());
    NodeInfo unknown = NodeInfo.of(node("u").ready("Unknown").build(), List.of());
    NodeInfo silent = NodeInfo.of(node("s").ready(null).build(), List.of());
    String reason = "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
    assertEquals(Optional.of(reason), filter.filter(pod("p").build(), notReady, null));
    assertEquals(Optional.of(reason), filter.filter(pod("p").build(), unknown, null));
    assertEquals(Optional.of(reason), filter.filter(pod("p").build(), silent, null));
    assertEquals(Optional.empty(), filter.filter(pod("p")
        .tolerate(toleration("node.kubernetes.io/not-ready", "Exists", null, "NoSchedule")).build(), notReady, null));
  }
}
