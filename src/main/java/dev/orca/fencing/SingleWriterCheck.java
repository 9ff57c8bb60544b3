package dev.orca.fencing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link CommandTrace} lines from the logs of every member and finds entities that handled
 * commands on two writers in overlapping time: each start of an entity (a run) spans its first to
 * its last handled command; two runs of one entity under different writers must not overlap.
 */
public final class SingleWriterCheck {
  private static final Pattern LINE =
      Pattern.compile("(handled|refused) (\\S+) (\\S+) at=(\\d+) writer=(\\S+) run=(\\S+)");

  private SingleWriterCheck() {}

  /** One start of an entity on one writer, from its first to its last handled command (epoch µs). */
  public record Run(String entity, String writer, String run, long first, long last, int handled) {}

  /** Two runs of one entity, on different writers, whose spans overlap. */
  public record Violation(Run a, Run b) {}

  /** What the trace says: runs, refusals per writer, violations. */
  public record Result(List<Run> runs, Map<String, Integer> refusedByWriter, List<Violation> violations) {}

  public static Result check(Collection<String> lines) {
    Map<String, Run> runs = new HashMap<>();
    Map<String, Integer> refused = new HashMap<>();
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        continue;
      }
      String writer = m.group(5);
      if (m.group(1).equals("refused")) {
        refused.merge(writer, 1, Integer::sum);
        continue;
      }
      String entity = m.group(2);
      long at = Long.parseLong(m.group(4));
      runs.merge(entity + " " + writer + " " + m.group(6), new Run(entity, writer, m.group(6), at, at, 1),
          (x, y) -> new Run(x.entity(), x.writer(), x.run(), Math.min(x.first(), y.first()),
              Math.max(x.last(), y.last()), x.handled() + y.handled()));
    }
    Map<String, List<Run>> byEntity = new HashMap<>();
    runs.values().forEach(r -> byEntity.computeIfAbsent(r.entity(), e -> new ArrayList<>()).add(r));
    List<Violation> violations = new ArrayList<>();
    for (List<Run> list : byEntity.values()) {
      list.sort(java.util.Comparator.comparingLong(Run::first));
      for (int i = 0; i < list.size(); i++) {
        for (int j = i + 1; j < list.size() && list.get(j).first() <= list.get(i).last(); j++) {
          if (!list.get(i).writer().equals(list.get(j).writer())) {
            violations.add(new Violation(list.get(i), list.get(j)));
          }
        }
      }
    }
    return new Result(List.copyOf(runs.values()), refused, violations);
  }
}
