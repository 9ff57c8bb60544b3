package dev.orca.bench.scale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap by class, as {@code jcmd PID GC.class_histogram} prints it, and what grew between
 * two of them: taken with the nodes only and again with every pod, the growth says where a pod's
 * heap goes.
 */
record HeapHistogram(Map<String, Usage> classes) {
  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

  /** Instances of one class and the bytes they take. */
  record Usage(long instances, long bytes) {}

  /** One class's growth between two histograms. */
  record Growth(String className, long instances, long bytes) {}

  static HeapHistogram parse(String jcmdOutput) {
    Map<String, Usage> classes = new HashMap<>();
    for (String line : jcmdOutput.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        classes.merge(m.group(3), new Usage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
            (a, b) -> new Usage(a.instances() + b.instances(), a.bytes() + b.bytes()));
      }
    }
    return new HeapHistogram(Map.copyOf(classes));
  }

  long totalBytes() {
    return classes.values().stream().mapToLong(Usage::bytes).sum();
  }

  /** The classes that grew most from {@code before} to this one, largest first, at most {@code top}. */
  List<Growth> growthSince(HeapHistogram before, int top) {
    List<Growth> grown = new ArrayList<>();
    classes.forEach((name, now) -> {
      Usage then = before.classes().getOrDefault(name, new Usage(0, 0));
      if (now.bytes() > then.bytes()) {
        grown.add(new Growth(name, now.instances() - then.instances(), now.bytes() - then.bytes()));
      }
    });
    grown.sort(Comparator.comparingLong(Growth::bytes).reversed().thenComparing(Growth::className));
    return List.copyOf(grown.subList(0, Math.min(top, grown.size())));
  }
}
