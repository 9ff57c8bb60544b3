package dev.orca.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.chaos.FaultKind;
import dev.orca.chaos.FaultTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
  private static final ClusterFacts.Member ONE = new ClusterFacts.Member("orca-1", "pekko://orca@127.0.0.1:25520", true, true, 30);
  private static final ClusterFacts.Member TWO = new ClusterFacts.Member("orca-2", "pekko://orca@127.0.0.1:25521", true, false, 40);
  private static final ClusterFacts.Member THREE = new ClusterFacts.Member("orca-3", "pekko://orca@127.0.0.1:25522", true, false, 30);

  private static ClusterFacts facts(int pods) {
    List<ClusterFacts.PodRef> refs = new ArrayList<>();
    for (int i = 0; i < pods; i++) {
      refs.add(new ClusterFacts.PodRef("chaos", "web-" + i, "orca-" + (i % 3 + 1) + "-sim-1"));
    }
    return new ClusterFacts(List.of(ONE, TWO, THREE),
        Map.of("orca-1-sim-1", "orca-1", "orca-2-sim-1", "orca-2", "orca-3-sim-1", "orca-3"), refs);
  }

  private static TimelineEvent event(FaultKind kind, String target, List<String> from, long seed) {
    return new TimelineEvent(0, Duration.ofSeconds(30), kind, TargetSelector.parse(kind, target, from),
        kind.lasting() ? Duration.ofSeconds(10) : Duration.ZERO, seed, "test");
  }

  @Test
  void membersByRole() {
    assertEquals(new FaultTarget.Member("orca-1"),
        TargetResolver.resolve(event(FaultKind.KILL_JVM, "coordinator", List.of(), 1), facts(0)).get(0).fault().target());
    assertEquals(new FaultTarget.Member("orca-2"),
        TargetResolver.resolve(event(FaultKind.PAUSE_JVM, "most-shards", List.of(), 1), facts(0)).get(0).fault().target());
    TargetResolver.Injection kill = TargetResolver.resolve(event(FaultKind.KILL_JVM, "orca-3", List.of(), 1), facts(0)).get(0);
    assertEquals(null, kill.member(), "a process fault, for the CLI");
    assertThrows(IllegalStateException.class,
        () -> TargetResolver.resolve(event(FaultKind.KILL_JVM, "orca-9", List.of(), 1), facts(0)));
  }

  @Test
  void aPartitionIsInjectedOnBothSides() {
    List<TargetResolver.Injection> cut = TargetResolver.resolve(event(FaultKind.PARTITION, "orca-3", List.of(), 1), facts(0));
    assertEquals(3, cut.size());
    assertEquals("orca-3", cut.get(0).member());
    assertEquals(new FaultTarget.Members(List.of(ONE.address(), TWO.address())), cut.get(0).fault().target());
    assertEquals("orca-1", cut.get(1).member());
    assertEquals(new FaultTarget.Members(List.of(THREE.address())), cut.get(1).fault().target());
    List<TargetResolver.Injection> fromOne = TargetResolver.resolve(
        event(FaultKind.PARTITION, "orca-3", List.of("orca-1"), 1), facts(0));
    assertEquals(2, fromOne.size());
  }

  @Test
  void podsAndNodesAreDrawnFromTheSeedAndSentToTheirNodesMember() {
    TimelineEvent tenPercent = event(FaultKind.CRASH_CONTAINER, "10%", List.of(), 77);
    List<TargetResolver.Injection> a = TargetResolver.resolve(tenPercent, facts(40));
    assertEquals(4, a.size(), "10 % of 40");
    assertEquals(a, TargetResolver.resolve(tenPercent, facts(40)), "the same seed, the same pods");
    assertEquals(4, new HashSet<>(a).size(), "distinct pods");
    for (TargetResolver.Injection i : a) {
      FaultTarget.Pod pod = (FaultTarget.Pod) i.fault().target();
      int index = Integer.parseInt(pod.name().substring(4));
      assertEquals("orca-" + (index % 3 + 1), i.member(), "injected where its node runs");
    }
    assertTrue(!a.equals(TargetResolver.resolve(event(FaultKind.CRASH_CONTAINER, "10%", List.of(), 78), facts(40))));
    assertEquals(1, TargetResolver.resolve(event(FaultKind.DELETE_POD, "1%", List.of(), 1), facts(5)).size(), "at least one");
    assertEquals(5, TargetResolver.resolve(event(FaultKind.DELETE_POD, "9", List.of(), 1), facts(5)).size(), "at most all");
    assertThrows(IllegalStateException.class, () -> TargetResolver.resolve(event(FaultKind.DELETE_POD, "random", List.of(), 1),
        facts(0)));

    TargetResolver.Injection node = TargetResolver.resolve(event(FaultKind.STOP_HEARTBEATS, "random", List.of(), 5), facts(0)).get(0);
    String name = ((FaultTarget.Node) node.fault().target()).name();
    assertEquals(name.substring(0, 6), node.member(), "at the member that runs the node");
  }

  @Test
  void aRandomNodeIsOneWhoseMemberIsUp() {
    ClusterFacts.Member twoDown = new ClusterFacts.Member("orca-2", TWO.address(), false, false, 0);
    ClusterFacts.Member threeDown = new ClusterFacts.Member("orca-3", THREE.address(), false, false, 0);
    ClusterFacts facts = new ClusterFacts(List.of(ONE, twoDown, threeDown),
        Map.of("orca-1-sim-1", "orca-1", "orca-2-sim-1", "orca-2", "orca-3-sim-1", "orca-3"), List.of());
    for (long seed = 0; seed < 20; seed++) {
      TargetResolver.Injection i = TargetResolver.resolve(event(FaultKind.STOP_HEARTBEATS, "random", List.of(), seed), facts)
          .get(0);
      assertEquals("orca-1", i.member());
      assertEquals(new FaultTarget.Node("orca-1-sim-1"), i.fault().target());
    }
  }

  @Test
  void aRandomPodIsOneOnANodeOfAMemberThatIsUp() {
    ClusterFacts.Member twoDown = new ClusterFacts.Member("orca-2", TWO.address(), false, false, 0);
    ClusterFacts all = facts(30);
    ClusterFacts facts = new ClusterFacts(List.of(ONE, twoDown, THREE), all.nodeOwners(), all.pods());
    for (long seed = 0; seed < 20; seed++) {
      for (TargetResolver.Injection i : TargetResolver.resolve(event(FaultKind.CRASH_CONTAINER, "20%", List.of(), seed), facts)) {
        assertTrue(!i.member().equals("orca-2"), i.toString());
      }
    }
  }
}
