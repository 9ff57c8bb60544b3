package dev.orca.bench.scale;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code orca bench scale}: every size in turn, then one report. */
public final class ScaleBench {
  private ScaleBench() {}

  public static int main(String[] args) throws Exception {
    ScaleOptions options;
    try {
      options = ScaleOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("orca bench scale: " + e.getMessage());
      System.err.print(ScaleOptions.USAGE);
      return 2;
    }
    String command = "bin/orca " + String.join(" ", args);
    String machine = String.format(Locale.ROOT, "%d cores, %s, Java %s, control plane heap -Xmx%s",
        Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"), options.heap());
    List<SizeResult> results = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (ScaleOptions.Size size : options.sizes()) {
      System.out.println("orca bench scale: " + size.nodes() + " nodes, " + size.pods() + " pods");
      try {
        results.add(new ScaleRun(options, size, line -> System.out.println(line)).run());
      } catch (Exception e) {
        // a size that fails (a phase past its timeout) is reported as such; the others still are
        System.out.println("orca bench scale: " + size + " failed: " + e.getMessage());
        failed.add(size + ": " + e.getMessage());
      }
    }
    if (results.isEmpty()) {
      System.err.println("orca bench scale: no size completed");
      return 1;
    }
    if (!failed.isEmpty()) {
      machine = machine + "; sizes that did not complete: " + String.join("; ", failed);
    }
    String base = "scale-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
    Path md = ScaleReport.write(options.out(), base, options.jsonOut(), results, options, command, machine);
    System.out.println("orca bench scale: report " + md);
    return failed.isEmpty() ? 0 : 1;
  }

  private static String loadAverage() {
    try {
      String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
      return "load average at start " + f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "load average unknown";
    }
  }
}
