package dev.orca.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A real recording of this JVM, taken with jcmd from outside as the benchmark does, and its summary. */
class JfrProfileTest {
  private static volatile long sink;

  @Test
  void theBusiestMethodIsOnTop() throws Exception {
    Path dir = Files.createTempDirectory("orca-jfr-");
    Path file = dir.resolve("test.jfr");
    long pid = ProcessHandle.current().pid();
    JfrProfile.start(pid, file);
    spin(1500);
    JfrProfile.stop(pid);
    JfrProfile.Summary s = JfrProfile.summarize(file, 5);
    assertTrue(s.samples() > 20, "samples: " + s.samples());
    assertTrue(s.orca().stream().anyMatch(e -> e.getKey().equals("dev.orca.bench.scale.JfrProfileTest.spin")),
        s.orca().toString());
    dev.orca.boot.FileTrees.delete(dir);
  }

  @Test
  void framesAndThreadsAreNamedWithoutTheirDetails() {
    assertEquals("java.util.HashMap.getNode", JfrProfile.method("java.util.HashMap.getNode(int, Object) line: 568"));
    assertEquals("orca-pekko.actor.default-dispatcher", JfrProfile.threadGroup("\"orca-pekko.actor.default-dispatcher-12\""));
  }

  /** Busy for {@code millis} (bounded in time): what the profile should find. */
  private static void spin(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    long x = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 31 + i;
      }
    }
    sink = x;
  }
}
