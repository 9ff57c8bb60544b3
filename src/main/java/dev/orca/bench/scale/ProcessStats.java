package dev.orca.bench.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the control plane's JVMs cost, read from outside: live heap after a full GC (jcmd) and CPU time (/proc). */
final class ProcessStats {
  /**
   * The heap in use in the lines of G1 and Parallel ("total 123K, used 45K"), ZGC ("ZHeap used
   * 45M, capacity 123M") and Shenandoah ("6028M max, 6028M soft max, 200M committed, 45M used").
   */
  private static final Pattern USED = Pattern.compile(
      "total \\d+K, used (\\d+)([KMG])|ZHeap\\s+used (\\d+)([KMG])|committed, (\\d+)([KMG]) used");
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private ProcessStats() {}

  /** Heap in use after {@code jcmd GC.run}, summed over the processes; -1 when jcmd could not say. */
  static long liveHeapBytes(List<ProcessHandle> processes) throws IOException, InterruptedException {
    long total = 0;
    for (ProcessHandle p : processes) {
      jcmd(p.pid(), "GC.run");
      long used = usedBytes(jcmd(p.pid(), "GC.heap_info"));
      if (used < 0) {
        return -1;
      }
      total += used;
    }
    return total;
  }

  /** The heap in use that {@code jcmd GC.heap_info} reports; -1 when it names no figure this reads. */
  static long usedBytes(String heapInfo) {
    Matcher m = USED.matcher(heapInfo);
    if (!m.find()) {
      return -1;
    }
    int first = m.group(1) != null ? 1 : m.group(3) != null ? 3 : 5;
    return bytes(m.group(first), m.group(first + 1));
  }

  private static long bytes(String amount, String unit) {
    int shift = switch (unit) {
      case "G" -> 30;
      case "M" -> 20;
      default -> 10;
    };
    return Long.parseLong(amount) << shift;
  }

  /** The live heap of one process by class ({@code jcmd GC.class_histogram}, which collects first). */
  static HeapHistogram histogram(ProcessHandle process) throws IOException, InterruptedException {
    return HeapHistogram.parse(jcmd(process.pid(), "GC.class_histogram"));
  }

  /** CPU seconds (user + system) the processes have used so far; 0 for one whose /proc entry is gone. */
  static double cpuSeconds(List<ProcessHandle> processes) {
    double total = 0;
    for (ProcessHandle p : processes) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"), StandardCharsets.US_ASCII);
        // fields after the command name, which is in parentheses and may contain spaces
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
      } catch (IOException | RuntimeException e) {
        // the process is gone: it costs nothing more
      }
    }
    return total;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
