package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.antiTerm;
import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orca.model.LabelSelector;
import dev.orca.model.Pod;
import dev.orca.model.PodAffinityTerm;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodAntiAffinityFilterTest {
  private static final Optional<String> OWN = Optional.of("node(s) didn't match pod anti-affinity rules");
  private static final Optional<String> EXISTING =
      Optional.of("node(s) didn't satisfy existing pods anti-affinity rules");
  private static final String HOSTNAME = "kubernetes.io/hostname";
  private static final String ZONE = "topology.kubernetes.io/zone";

  private final PodAntiAffinityFilter filter = new PodAntiAffinityFilter();

  private final ClusterSnapshot cluster = ClusterSnapshot.of(
      List.of(node("a").label(ZONE, "z1").build(), node("b").label(ZONE, "z1").build(),
          node("c").label(ZONE, "z2").build(), node("d").build()),
      List.of(pod("web-1").label("app", "web").onNode("a").build(),
          pod("db-1").namespace("data").label("app", "db").onNode("c").build()));

  private Optional<String> check(Pod pod, String node) {
    return filter.filter(pod, cluster.node(node), cluster);
  }

  @Test
  void hostnameKeepsMatchingPodsOffTheSameNode() {
    Pod web2 = pod("web-2").label("app", "web").antiAffinity(antiTerm(HOSTNAME, Map.of("app", "web"))).build();
    assertEquals(OWN, check(web2, "a"));
    assertEquals(Optional.empty(), check(web2, "b"));
    assertEquals(Optional.empty(), check(web2, "d"));
  }

  @Test
  void anotherLabelKeySpansEveryNodeOfTheDomain() {
    Pod web2 = pod("web-2").antiAffinity(antiTerm(ZONE, Map.of("app", "web"))).build();
    assertEquals(OWN, check(web2, "a"));
    assertEquals(OWN, check(web2, "b"));
    assertEquals(Optional.empty(), check(web2, "c"));
    assertEquals(Optional.empty(), check(web2, "d"), "a node without the key is in no domain");
  }

  @Test
  void termsLookInThePodsNamespaceUnlessNamespacesAreGiven() {
    PodAffinityTerm anyDb = antiTerm(HOSTNAME, Map.of("app", "db"));
    assertEquals(Optional.empty(), check(pod("x").antiAffinity(anyDb).build(), "c"));
    PodAffinityTerm dataDb = new PodAffinityTerm(new LabelSelector(Map.of("app", "db"), null), List.of("data"),
        HOSTNAME);
    assertEquals(OWN, check(pod("x").antiAffinity(dataDb).build(), "c"));
    assertEquals(OWN, check(pod("x").namespace("data").antiAffinity(anyDb).build(), "c"));
  }

  @Test
  void existingPodsAntiAffinityKeepsTheIncomingPodAway() {
    ClusterSnapshot s = ClusterSnapshot.of(List.of(node("a").label(ZONE, "z1").build(),
            node("b").label(ZONE, "z1").build(), node("c").label(ZONE, "z2").build()),
        List.of(pod("loner").onNode("a").antiAffinity(antiTerm(ZONE, Map.of("app", "noisy"))).build()));
    Pod noisy = pod("noisy").label("app", "noisy").build();
    assertEquals(EXISTING, filter.filter(noisy, s.node("a"), s));
    assertEquals(EXISTING, filter.filter(noisy, s.node("b"), s));
    assertEquals(Optional.empty(), filter.filter(noisy, s.node("c"), s));
    assertEquals(Optional.empty(), filter.filter(pod("quiet").build(), s.node("a"), s));
  }

  @Test
  void assumedPodsCountToo() {
    Pod first = pod("w1").label("app", "w").antiAffinity(antiTerm(HOSTNAME, Map.of("app", "w"))).build();
    ClusterSnapshot after = cluster.assume(first, "b");
    Pod plain = pod("w2").label("app", "w").build();
    assertEquals(EXISTING, filter.filter(plain, after.node("b"), after));
    assertEquals(Optional.empty(), filter.filter(plain, after.node("d"), after));
  }

  @Test
  void anExistingTermWithoutNamespacesMeansItsHoldersNamespace() {
    PodAffinityTerm noWeb = antiTerm(HOSTNAME, Map.of("app", "web"));
    ClusterSnapshot s = ClusterSnapshot.of(List.of(node("a").build(), node("b").build()),
        List.of(pod("guard-1").namespace("data").onNode("a").antiAffinity(noWeb).build(),
            pod("guard-2").namespace("data").onNode("b").antiAffinity(noWeb).build(),
            pod("guard-3").onNode("b").antiAffinity(noWeb).build()));
    Pod dataWeb = pod("web").namespace("data").label("app", "web").build();
    assertEquals(EXISTING, filter.filter(dataWeb, s.node("a"), s));
    assertEquals(EXISTING, filter.filter(dataWeb, s.node("b"), s));
    Pod defaultWeb = pod("web").label("app", "web").build();
    assertEquals(Optional.empty(), filter.filter(defaultWeb, s.node("a"), s), "data's guards do not see default");
    assertEquals(EXISTING, filter.filter(defaultWeb, s.node("b"), s));
  }

  @Test
  void aWorkingCopysPlacementsCountInItAndNotInItsSource() {
    Pod first = pod("w1").label("app", "w").antiAffinity(antiTerm(HOSTNAME, Map.of("app", "w"))).build();
    ClusterSnapshot working = cluster.working();
    working.assume(first, "b");
    Pod plain = pod("w2").label("app", "w").build();
    assertEquals(EXISTING, filter.filter(plain, working.node("b"), working));
    assertEquals(Optional.empty(), filter.filter(plain, cluster.node("b"), cluster));
    ClusterSnapshot again = cluster.working();
    assertEquals(Optional.empty(), filter.filter(plain, again.node("b"), again), "a new working copy starts clean");
  }

  @Test
  void aPodWithoutTermsPassesEverywhere() {
    assertEquals(Optional.empty(), check(pod("x").label("app", "web").build(), "a"));
  }
}
