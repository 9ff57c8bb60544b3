package dev.orca.chaos.run;

import java.nio.file.Path;
import java.util.List;

/**
 * Processes a run left behind once its cluster and database are down: any process whose command
 * line names the run's data directory (a member JVM, PostgreSQL, a pod's process started under a
 * member) and is still alive. Must be none.
 */
final class Orphans {
  private Orphans() {}

  /** Those still alive after {@code grace} (processes on their way out are given the time to go). */
  static List<ProcessHandle> after(Path dataDir, java.time.Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    List<ProcessHandle> left = under(dataDir);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200); // waiting for exits to be reaped
      left = under(dataDir);
    }
    return left;
  }

  static List<ProcessHandle> under(Path dataDir) {
    String dir = dataDir.toAbsolutePath().toString();
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self && p.isAlive())
        .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
        .toList();
  }
}
