package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.antiTerm;
import static dev.orca.scheduler.Fixtures.expr;
import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static dev.orca.scheduler.Fixtures.term;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.orca.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A filter that can reject no node for a pod says so when prepared, and the pipeline skips it. */
class NothingToCheckTest {
  private final ClusterSnapshot cluster = ClusterSnapshot.of(List.of(node("a").build(), node("b").build()),
      List.of(pod("web-1").label("app", "web").onNode("a").build()));
  private final Pod plain = pod("p").label("app", "web").build();

  @Test
  void nodeNameOnlyForAPodThatNamesANode() {
    assertSame(FilterPlugin.NOTHING_TO_CHECK, new NodeName().prepare(plain, cluster));
    assertNotSame(FilterPlugin.NOTHING_TO_CHECK, new NodeName().prepare(pod("p").onNode("b").build(), cluster));
  }

  @Test
  void nodeAffinityOnlyForAPodWithASelectorOrRequiredAffinity() {
    assertSame(FilterPlugin.NOTHING_TO_CHECK, new NodeAffinityFilter().prepare(plain, cluster));
    assertNotSame(FilterPlugin.NOTHING_TO_CHECK,
        new NodeAffinityFilter().prepare(pod("p").nodeSelector("disk", "ssd").build(), cluster));
    assertNotSame(FilterPlugin.NOTHING_TO_CHECK,
        new NodeAffinityFilter().prepare(pod("p").requiredNodeAffinity(term(expr("disk", "In", "ssd"))).build(), cluster));
  }

  @Test
  void antiAffinityOnlyWhenSomeTermCouldKeepThePodAway() {
    assertSame(FilterPlugin.NOTHING_TO_CHECK, new PodAntiAffinityFilter().prepare(plain, cluster));
    Pod ownTerm = pod("p").label("app", "web").antiAffinity(antiTerm(AffinityTerms.HOSTNAME, Map.of("app", "web")))
        .build();
    assertNotSame(FilterPlugin.NOTHING_TO_CHECK, new PodAntiAffinityFilter().prepare(ownTerm, cluster));
    ClusterSnapshot guarded = ClusterSnapshot.of(List.of(node("a").build()),
        List.of(pod("guard").onNode("a").antiAffinity(antiTerm(AffinityTerms.HOSTNAME, Map.of("app", "web"))).build()));
    assertNotSame(FilterPlugin.NOTHING_TO_CHECK, new PodAntiAffinityFilter().prepare(plain, guarded),
        "an existing pod's term selects it");
  }
}
