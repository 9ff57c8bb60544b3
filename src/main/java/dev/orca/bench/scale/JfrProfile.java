package dev.orca.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A CPU profile of a control-plane JVM with Java Flight Recorder, taken from outside with jcmd
 * (JFR's "profile" settings: a stack sample of every running thread every 10–20 ms), and what it
 * says: the methods most often on top of the stack (self time), the Orca methods most often on
 * the stack nearest its top (where Orca's own code spends, including what it calls), and the
 * threads most often running. The recording stays beside the report's data for a closer look
 * ({@code jfr print}, JDK Mission Control).
 */
final class JfrProfile {
  private static final int DEPTH = 64;

  /** The profile's verdict: sample count and the top entries, most samples first. */
  record Summary(int samples, List<Map.Entry<String, Integer>> self, List<Map.Entry<String, Integer>> orca,
      List<Map.Entry<String, Integer>> threads, Path recording) {}

  private JfrProfile() {}

  static void start(long pid, Path file) throws IOException, InterruptedException {
    run("jcmd", Long.toString(pid), "JFR.start", "name=orca-scale", "settings=profile", "filename=" + file);
  }

  static void stop(long pid) throws IOException, InterruptedException {
    run("jcmd", Long.toString(pid), "JFR.stop", "name=orca-scale");
  }

  /** Reads the recording's execution samples ({@code jfr print}) into the top {@code top} of each kind. */
  static Summary summarize(Path recording, int top) throws IOException, InterruptedException {
    Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
    Process p = new ProcessBuilder(jfr.toString(), "print", "--events", "jdk.ExecutionSample", "--stack-depth",
        Integer.toString(DEPTH), recording.toString()).redirectErrorStream(true).start();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> orca = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    int samples = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      boolean inStack = false;
      boolean first = false;
      boolean orcaSeen = false;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String t = line.trim();
        if (t.startsWith("sampledThread = ")) {
          String name = t.substring("sampledThread = ".length());
          int paren = name.lastIndexOf(" (");
          threads.merge(threadGroup(paren > 0 ? name.substring(0, paren) : name), 1, Integer::sum);
        } else if (t.equals("stackTrace = [")) {
          inStack = true;
          first = true;
          orcaSeen = false;
          samples++;
        } else if (inStack && t.equals("]")) {
          inStack = false;
        } else if (inStack && !t.equals("...")) {
          String frame = method(t);
          if (first) {
            self.merge(frame, 1, Integer::sum);
            first = false;
          }
          if (!orcaSeen && frame.startsWith("dev.orca.")) {
            orca.merge(frame, 1, Integer::sum);
            orcaSeen = true;
          }
        }
      }
    }
    p.waitFor(60, TimeUnit.SECONDS);
    return new Summary(samples, top(self, top), top(orca, top), top(threads, top), recording);
  }

  /** "pkg.Class.method(args) line: 12" → "pkg.Class.method". */
  static String method(String frame) {
    int paren = frame.indexOf('(');
    return paren > 0 ? frame.substring(0, paren) : frame;
  }

  /** A thread's name without its number, so that a pool's threads add up ("orca-pekko.actor.default-dispatcher"). */
  static String threadGroup(String name) {
    String n = name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
    return n.replaceAll("[-#]?\\d+$", "");
  }

  private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .limit(n).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
  }
}
