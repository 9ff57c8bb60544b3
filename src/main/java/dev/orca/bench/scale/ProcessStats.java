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
  private static final Pattern USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private ProcessStats() {}

  /** Heap in use after {@code jcmd GC.run}, summed over the processes; -1 when jcmd could not say. */
  static long liveHeapBytes(List<ProcessHandle> processes) throws IOException, InterruptedException {
    long total = 0;
    for (ProcessHandle p : processes) {
      jcmd(p.pid(), "GC.run");
      Matcher m = USED.matcher(jcmd(p.pid(), "GC.heap_info"));
      if (!m.find()) {
        return -1;
      }
      total += Long.parseLong(m.group(2)) * 1024;
    }
    return total;
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
