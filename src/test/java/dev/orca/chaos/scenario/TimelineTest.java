package dev.orca.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.chaos.FaultKind;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private static final String RANDOM = """
      name: r
      seed: %d
      duration: 10m
      cluster: {members: %d}
      random:
        start: 30s
        end: 9m
        meanInterval: 10s
        kinds: {kill-jvm: 1, pause-jvm: 1, partition: 1, pause-db: 1, stop-heartbeats: 2, crash-container: 3}
        for: {min: 3s, max: 20s}
        maxConcurrent: %d
      """;

  private static List<TimelineEvent> timeline(String yaml) throws Exception {
    return Timeline.expand(ScenarioReader.read(yaml, "t.yaml"));
  }

  @Test
  void theSameSeedGivesTheSameTimelineAndAnotherSeedAnother() throws Exception {
    List<TimelineEvent> a = timeline(RANDOM.formatted(42, 3, 2));
    List<TimelineEvent> b = timeline(RANDOM.formatted(42, 3, 2));
    assertEquals(a, b);
    assertTrue(a.size() > 20, "about one fault per 10 s over 8.5 min: " + a.size());
    assertNotEquals(a, timeline(RANDOM.formatted(43, 3, 2)));
  }

  @Test
  void randomFaultsStayInTheirWindowWithinTheirLimits() throws Exception {
    for (long seed = 1; seed <= 20; seed++) {
      for (int maxConcurrent : new int[] {1, 2, 3}) {
        List<TimelineEvent> events = timeline(RANDOM.formatted(seed, 5, maxConcurrent));
        Duration previous = Duration.ZERO;
        for (TimelineEvent e : events) {
          assertTrue(e.at().compareTo(previous) >= 0, "in order");
          previous = e.at();
          assertTrue(e.at().compareTo(Duration.ofSeconds(30)) >= 0 && e.end().compareTo(Duration.ofMinutes(9)) <= 0,
              e.describe());
          if (e.kind().lasting()) {
            assertTrue(e.duration().compareTo(Duration.ofSeconds(3)) >= 0 && e.duration().compareTo(Duration.ofSeconds(20)) <= 0,
                e.describe());
          } else {
            assertEquals(Duration.ZERO, e.duration());
          }
          // at each fault's start: no more than maxConcurrent lasting faults, no more than 2 of 5 members impaired
          long active = events.stream().filter(o -> o.kind().lasting())
              .filter(o -> o.at().compareTo(e.at()) <= 0 && o.end().compareTo(e.at()) > 0).count();
          assertTrue(active <= maxConcurrent, "seed " + seed + ": " + active + " in effect at " + e.describe());
          Set<String> impaired = new HashSet<>();
          events.stream().filter(o -> o.kind().impairsMembers())
              .filter(o -> o.at().compareTo(e.at()) <= 0 && o.end().compareTo(e.at()) > 0)
              .forEach(o -> impaired.add(o.target().name()));
          assertTrue(impaired.size() <= 2, "seed " + seed + ": members " + impaired + " lost at " + e.describe());
          if (e.kind().impairsMembers()) {
            assertEquals(TargetSelector.Mode.NAMED, e.target().mode(), "random members are drawn when laid out");
          }
        }
      }
    }
  }

  @Test
  void repeatedFaultsAndRandomMembersAreLaidOut() throws Exception {
    List<TimelineEvent> events = timeline("""
        name: e
        seed: 9
        duration: 2m
        cluster: {members: 3}
        faults:
          - {at: 20s, kind: crash-container, target: 10%, every: 5s, until: 80s}
          - {at: 90s, kind: kill-jvm, target: random, for: 10s}
          - {at: 10s, kind: pause-db, for: 5s}
        """);
    assertEquals(14, events.size());
    assertEquals(FaultKind.PAUSE_DB, events.get(0).kind());
    assertEquals(Duration.ofSeconds(20), events.get(1).at());
    assertEquals(Duration.ofSeconds(75), events.get(12).at());
    TimelineEvent kill = events.get(13);
    assertEquals(FaultKind.KILL_JVM, kill.kind());
    assertTrue(List.of("orca-1", "orca-2", "orca-3").contains(kill.target().name()), kill.describe());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i, events.get(i).seq());
    }
    assertEquals(events, timeline("""
        name: e
        seed: 9
        duration: 2m
        cluster: {members: 3}
        faults:
          - {at: 20s, kind: crash-container, target: 10%, every: 5s, until: 80s}
          - {at: 90s, kind: kill-jvm, target: random, for: 10s}
          - {at: 10s, kind: pause-db, for: 5s}
        """));
  }
}
