package dev.orca.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.chaos.FaultKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {
  private static final String HEAD = """
      name: t
      duration: 2m
      cluster: {members: 3, simulatedNodesPerMember: 2}
      """;

  @Test
  void readsEveryPartWithDefaults() throws Exception {
    Scenario s = ScenarioReader.read("""
        name: kill-one
        description: one kill
        seed: 7
        duration: 2m
        recoveryTimeout: 90s
        cluster: {members: 5, simulatedNodesPerMember: 3}
        profiles: [orca, kubernetes]
        workload:
          deployments: 4
          replicas: 2
          writesPerSecond: 2.5
          mix: {delete: 0}
        faults:
          - at: 30s
            kind: kill-jvm
            target: orca-4
            for: 20s
          - {at: 40s, kind: partition, target: coordinator, from: [orca-2, orca-3], for: 10s}
          - {at: 50s, kind: crash-container, target: 10%, every: 5s, until: 70s}
        random:
          meanInterval: 10s
          kinds: [delete-pod]
        """, "kill-one.yaml");
    assertEquals("kill-one", s.name());
    assertEquals(7, s.seed());
    assertEquals(Duration.ofMinutes(2), s.duration());
    assertEquals(Duration.ofSeconds(90), s.recoveryTimeout());
    assertEquals(new ClusterSpec(5, 3), s.cluster());
    assertEquals(List.of(Profile.ORCA, Profile.KUBERNETES), s.profiles());
    assertEquals("chaos", s.workload().namespace());
    assertEquals(2.5, s.workload().writesPerSecond());
    assertEquals(0, s.workload().mix().get("delete"));
    assertEquals(1, s.workload().mix().get("create"));
    assertEquals(3, s.faults().size());
    ScheduledFault kill = s.faults().get(0);
    assertEquals(FaultKind.KILL_JVM, kill.kind());
    assertEquals("orca-4", kill.target().name());
    ScheduledFault cut = s.faults().get(1);
    assertEquals(TargetSelector.Mode.COORDINATOR, cut.target().mode());
    assertEquals(List.of("orca-2", "orca-3"), cut.target().from());
    ScheduledFault storm = s.faults().get(2);
    assertEquals(TargetSelector.Mode.PERCENT, storm.target().mode());
    assertEquals(10, storm.target().amount());
    assertEquals(Duration.ZERO, storm.duration());
    RandomFaults r = s.random().orElseThrow();
    assertEquals(Duration.ZERO, r.start());
    assertEquals(Duration.ofMinutes(2), r.end());
    assertEquals(1, r.maxConcurrent());
  }

  @Test
  void reportsEveryProblemWithItsPath() {
    InvalidScenario e = assertThrows(InvalidScenario.class, () -> ScenarioReader.read("""
        name: Bad Name
        duration: soon
        cluster: {members: 3, nodes: 2}
        profiles: [orca, openshift]
        workload: {replicas: 0}
        faults:
          - {at: 10s, kind: explode}
          - {at: 10s, kind: kill-jvm, target: orca-7, for: 5s}
          - {at: 10s, kind: pause-jvm, target: orca-1}
          - {at: 10s, kind: delete-pod, target: 10%, for: 5s}
          - {at: 10s, kind: stop-heartbeats, target: "pod/x", for: 5s}
          - {at: 10s, kind: crash-container, every: 5s}
          - {at: 10s, kind: partition, target: orca-1, from: [orca-1], for: 5s}
          - {at: 10s, kind: pause-db, for: 5s, colour: red}
        """, "bad.yaml"));
    List<String> p = e.problems();
    assertHas(p, "name: lower-case letters");
    assertHas(p, "duration: invalid duration 'soon'");
    assertHas(p, "cluster.nodes: unknown field");
    assertHas(p, "profiles: unknown profile 'openshift'");
    assertHas(p, "workload.replicas: must be between 1 and 1000");
    assertHas(p, "faults[0].kind: unknown kind 'explode'");
    assertHas(p, "faults[1].target: no member orca-7");
    assertHas(p, "faults[2].for: required");
    assertHas(p, "faults[3].for: delete-pod is instant");
    assertHas(p, "faults[4].target: a node target is a node name or random");
    assertHas(p, "faults[5].until: every and until go together");
    assertHas(p, "faults[6].from: orca-1 cannot be cut off from itself");
    assertHas(p, "faults[7].colour: unknown field");
    assertTrue(e.getMessage().startsWith("bad.yaml is not a valid scenario"), e.getMessage());
  }

  @Test
  void faultsMustFitInTheRun() {
    List<String> p = problems(HEAD + """
        faults:
          - {at: 3m, kind: delete-pod}
          - {at: 110s, kind: pause-db, for: 20s}
          - {at: 10s, kind: crash-container, every: 5s, until: 3m}
        """);
    assertHas(p, "faults[0].at: 3m is not within the run");
    assertHas(p, "faults[1].for: the fault would last past the end of the run");
    assertHas(p, "faults[2].until: is past the end of the run");
  }

  @Test
  void explicitFaultsMayNotTakeTheMajorityDownUnlessAllowed() throws Exception {
    String twoKills = """
        faults:
          - {at: 10s, kind: kill-jvm, target: orca-1, for: 30s}
          - {at: 20s, kind: pause-jvm, target: orca-2, for: 5s}
        """;
    assertHas(problems(HEAD + twoKills), "faults[0]: at 10s more than 1 of 3 members would be lost at once");
    ScenarioReader.read(HEAD + "allowMajorityLoss: true\n" + twoKills, "ok.yaml");
    // right after the first ends is not: its member is still being downed, restarted, rejoining
    assertHas(problems(HEAD + """
        faults:
          - {at: 10s, kind: kill-jvm, target: orca-1, for: 10s}
          - {at: 20s, kind: pause-jvm, target: orca-2, for: 5s}
        """), "faults[0]: at 10s more than 1 of 3 members would be lost at once");
    // one after the other, once the first member is back (Timeline.MEMBER_AFTERMATH), is fine
    ScenarioReader.read(HEAD + """
        faults:
          - {at: 10s, kind: kill-jvm, target: orca-1, for: 10s}
          - {at: 50s, kind: pause-jvm, target: orca-2, for: 5s}
        """, "ok.yaml");
  }

  @Test
  void randomFaultsAreChecked() {
    List<String> p = problems("""
        name: r
        duration: 1m
        cluster: {members: 1}
        random:
          start: 50s
          end: 40s
          meanInterval: 0s
          kinds: {kill-jvm: 1, delete-pod: 0, nope: 2}
          for: {min: 10s, max: 5s}
        """);
    assertHas(p, "random.end: must come after start");
    assertHas(p, "random.meanInterval: must be more than 0s");
    assertHas(p, "random.kinds: the weight of delete-pod must be a whole number of at least 1");
    assertHas(p, "random.kinds: unknown kind 'nope'");
    assertHas(p, "random.for: min must be more than 0s and at most max");
    assertHas(p, "random.kinds: member faults need at least 3 members");
  }

  @Test
  void notYamlOrEmptyOrNoFaults() {
    assertHas(problems("name: [unclosed"), "not YAML");
    assertHas(problems(""), "the file is empty");
    assertHas(problems("- a\n- b\n"), "must be a mapping");
    assertHas(problems(HEAD), "faults: no faults");
  }

  private static List<String> problems(String yaml) {
    return assertThrows(InvalidScenario.class, () -> ScenarioReader.read(yaml, "x.yaml")).problems();
  }

  private static void assertHas(List<String> problems, String start) {
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(start)), "no problem starting '" + start + "' in " + problems);
  }
}
