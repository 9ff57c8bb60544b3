package dev.orca.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** orca chaos without a cluster: plans, and arguments refused with a message and exit code 2. */
class ChaosCommandTest {
  record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ChaosCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void planPrintsTheTimeline() {
    Result r = run("plan", "--scenario", "bench/scenarios/container-crash-storm.yaml");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("container-crash-storm: 12 fault(s) in 1m40s, seed 7, 3 member(s)"), r.out());
    assertEquals(13, r.out().lines().count(), r.out());
  }

  @Test
  void anInvalidScenarioListsItsProblems(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "name: bad\nduration: 1m\nfaults:\n  - {at: 2m, kind: pause-db}\n");
    Result r = run("plan", "--scenario", file.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("faults[0].at: 2m is not within the run"), r.err());
    assertTrue(r.err().contains("faults[0].for: required"), r.err());
  }

  @Test
  void badArgumentsAreRefusedWithExitCode2(@TempDir Path dir) {
    String d = dir.toString();
    assertRefused(run(), "say kill, pause");
    assertRefused(run("explode"), "unknown subcommand 'explode'");
    assertRefused(run("pause", "orca-1", "--data-dir", d, "--for", "5s"), "no member orca-1");
    assertRefused(run("pause-db", "--data-dir", d), "--for DURATION is required");
    assertRefused(run("pause-db", "--data-dir", d, "--for", "soon"), "invalid duration 'soon'");
    assertRefused(run("pause-db", "--data-dir", d, "--for", "2h"), "at most 1h");
    assertRefused(run("pause-db", "--data-dir", d, "--for", "5s"), "no PostgreSQL runs from");
    assertRefused(run("plan"), "--scenario FILE is required");
  }

  private static void assertRefused(Result r, String message) {
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(message), r.err());
  }
}
