package dev.orca.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SingleWriterCheckTest {
  private static String line(String verb, String entity, long at, String writer, String run) {
    return "12:00:00.000 INFO  d.o.fencing.CommandTrace - " + verb + " " + entity + " Reconcile at=" + at
        + " writer=" + writer + " run=" + run;
  }

  @Test
  void anEntityThatMovedCleanlyIsNoViolation() {
    SingleWriterCheck.Result r = SingleWriterCheck.check(List.of(
        line("handled", "Pod/default/a", 100, "w1", "r1"),
        line("handled", "Pod/default/a", 200, "w1", "r1"),
        line("handled", "Pod/default/a", 300, "w2", "r2"),
        line("handled", "Pod/default/a", 400, "w1", "r3"),
        "some other line"));
    assertEquals(List.of(), r.violations());
    assertEquals(3, r.runs().size());
  }

  @Test
  void twoWritersRunningOneEntityAtOnceAreFound() {
    SingleWriterCheck.Result r = SingleWriterCheck.check(List.of(
        line("handled", "Pod/default/a", 100, "w1", "r1"),
        line("handled", "Pod/default/a", 150, "w2", "r2"),
        line("handled", "Pod/default/a", 200, "w1", "r1"),
        line("handled", "Pod/default/b", 100, "w1", "r4"),
        line("refused", "Pod/default/b", 300, "w1", "r5"),
        line("handled", "Pod/default/b", 200, "w2", "r6")));
    assertEquals(1, r.violations().size());
    assertEquals("Pod/default/a", r.violations().get(0).a().entity());
    assertEquals(Map.of("w1", 1), r.refusedByWriter());
  }

  @Test
  void oneWriterRestartingAnEntityIsNoViolation() {
    SingleWriterCheck.Result r = SingleWriterCheck.check(List.of(
        line("handled", "Pod/default/a", 100, "w1", "r1"),
        line("handled", "Pod/default/a", 150, "w1", "r2"),
        line("handled", "Pod/default/a", 200, "w1", "r1")));
    assertEquals(List.of(), r.violations());
  }
}
