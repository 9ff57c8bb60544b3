package dev.orca.node.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's use from {@code /proc/stat} (busy CPU ticks over all cores) and {@code /proc/meminfo}
 * (MemTotal − MemAvailable), as a node's usage. Not thread-safe: one sampler calls it.
 */
final class MachineUsage {
  private static final Path STAT = Path.of("/proc/stat");
  private static final Path MEMINFO = Path.of("/proc/meminfo");
  private CpuRate cpu;

  /** The machine's use now (CPU averaged since the previous call; 0 on the first), or null when /proc says nothing. */
  UsageSample.NodeUsage sample(long nanos) {
    try {
      long busy = busyTicks(Files.readString(STAT, StandardCharsets.UTF_8));
      long cores;
      if (cpu == null) {
        cpu = new CpuRate(busy, nanos);
        cores = 0;
      } else {
        cores = cpu.next(busy, nanos);
      }
      return new UsageSample.NodeUsage(cores, usedMemory(Files.readString(MEMINFO, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The first line of /proc/stat: user nice system idle iowait irq softirq steal ...; busy is all but idle and iowait. */
  static long busyTicks(String stat) {
    String first = stat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cpu line in /proc/stat"));
    String[] f = first.trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i < f.length && i <= 8; i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(f[i]);
      }
    }
    return busy;
  }

  /** MemTotal − MemAvailable, in bytes. */
  static long usedMemory(String meminfo) {
    long total = -1;
    long available = -1;
    for (String line : meminfo.split("\\n")) {
      if (line.startsWith("MemTotal:")) {
        total = ProcTable.kiloBytes(line.substring("MemTotal:".length()));
      } else if (line.startsWith("MemAvailable:")) {
        available = ProcTable.kiloBytes(line.substring("MemAvailable:".length()));
      }
    }
    if (total < 0 || available < 0) {
      throw new IllegalArgumentException("no MemTotal or MemAvailable in /proc/meminfo");
    }
    return Math.max(0, total - available);
  }
}
