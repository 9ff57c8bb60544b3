package dev.orca.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the machine was doing besides the benchmark: cores and load average, for the report. */
final class MachineLoad {
  private MachineLoad() {}

  /** "N cores, load average a b c" (the load from /proc/loadavg where there is one). */
  static String now() {
    String cores = Runtime.getRuntime().availableProcessors() + " cores";
    try {
      String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return cores + ", load average " + load[0] + " " + load[1] + " " + load[2];
    } catch (IOException | RuntimeException e) {
      return cores + ", load average unknown";
    }
  }
}
