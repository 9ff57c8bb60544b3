package dev.orca.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.chaos.FaultKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scenarios shipped in bench/scenarios read, validate and lay out as their comments say. */
class ScenarioFilesTest {
  private static final Path DIR = Path.of("bench/scenarios");

  private static Scenario read(String name) throws Exception {
    return ScenarioReader.read(DIR.resolve(name + ".yaml"));
  }

  @Test
  void everyShippedScenarioIsValid() throws Exception {
    Set<String> names;
    try (Stream<Path> files = Files.list(DIR)) {
      names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - 5)).collect(Collectors.toSet());
    }
    assertTrue(names.containsAll(Set.of("kill-jvm", "kill-coordinator", "pause-jvm", "partition", "journal-outage",
        "node-agent-crash", "container-crash-storm", "random-soak")), names.toString());
    for (String name : names) {
      Scenario s = read(name);
      assertEquals(name, s.name(), "the name matches the file");
      assertTrue(!Timeline.expand(s).isEmpty(), name);
    }
  }

  @Test
  void theShippedTimelinesAreWhatTheyClaim() throws Exception {
    List<TimelineEvent> kill = Timeline.expand(read("kill-jvm"));
    assertEquals(1, kill.size());
    assertEquals("orca-3", kill.get(0).target().name());
    assertEquals(TargetSelector.Mode.COORDINATOR, Timeline.expand(read("kill-coordinator")).get(0).target().mode());
    TimelineEvent cut = Timeline.expand(read("partition")).get(0);
    assertEquals(FaultKind.PARTITION, cut.kind());
    assertEquals(List.of("orca-1", "orca-2"), cut.target().from());
    assertEquals(FaultKind.PAUSE_DB, Timeline.expand(read("journal-outage")).get(0).kind());
    List<TimelineEvent> storm = Timeline.expand(read("container-crash-storm"));
    assertEquals(12, storm.size(), "every 5 s for a minute");
    assertTrue(storm.stream().allMatch(e -> e.target().text().equals("10%")));

    Scenario soak = read("random-soak");
    List<TimelineEvent> events = Timeline.expand(soak);
    assertTrue(events.size() >= 30, "at least 30 faults in 10 minutes: " + events.size());
    assertEquals(events, Timeline.expand(read("random-soak")), "replays exactly");
    assertTrue(events.stream().map(TimelineEvent::kind).collect(Collectors.toSet()).size() >= 6,
        "a mix of kinds: " + events.stream().map(TimelineEvent::describe).collect(Collectors.joining("\n")));
  }
}
