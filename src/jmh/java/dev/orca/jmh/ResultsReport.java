package dev.orca.jmh;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The Markdown summary of a JMH run: how it was run (the command, JVM, machine load, iterations),
 * one row per benchmark and parameter set (score ± error, unit, bytes allocated per operation
 * when the GC profiler ran), and, for benchmarks with a {@code nodes} parameter, how the score
 * grows with the node count.
 */
final class ResultsReport {
  static final String NODES = "nodes";

  /** How the run was made. */
  record Run(String command, ZonedDateTime started, String jsonFile, String loadBefore, String loadAfter) {}

  private ResultsReport() {}

  static String markdown(Collection<RunResult> results, Run run) {
    List<RunResult> rows = new ArrayList<>(results);
    rows.sort(Comparator.comparing((RunResult r) -> r.getParams().getBenchmark())
        .thenComparing(r -> paramsSortKey(r.getParams())));
    StringBuilder md = new StringBuilder();
    md.append("# JMH micro-benchmarks, ").append(run.started().format(DateTimeFormatter.ISO_LOCAL_DATE))
        .append(' ').append(run.started().format(DateTimeFormatter.ofPattern("HH:mm"))).append(" UTC\n\n");
    md.append("Command (from the repository root):\n\n```\n").append(run.command()).append("\n```\n\n");
    md.append("JMH's JSON: `").append(run.jsonFile()).append("`.\n\n");
    if (!rows.isEmpty()) {
      BenchmarkParams p = rows.get(0).getParams();
      md.append("- JMH ").append(p.getJmhVersion()).append(", ").append(p.getVmName()).append(' ')
          .append(p.getVmVersion()).append(" (JDK ").append(p.getJdkVersion()).append(")\n");
      md.append("- forks ").append(p.getForks()).append(", warmup ").append(p.getWarmup().getCount()).append(" × ")
          .append(p.getWarmup().getTime()).append(", measurement ").append(p.getMeasurement().getCount())
          .append(" × ").append(p.getMeasurement().getTime()).append(", threads ").append(p.getThreads())
          .append(" (first benchmark; the others alike unless the command says otherwise)\n");
    }
    md.append("- machine: before the run ").append(run.loadBefore()).append("; after it ").append(run.loadAfter())
        .append("\n\n");
    md.append("## Results\n\n");
    boolean alloc = rows.stream().anyMatch(r -> allocation(r) != null);
    md.append("| Benchmark | Params | Mode | Cnt | Score | ± Error | Unit |").append(alloc ? " Alloc B/op |" : "")
        .append('\n');
    md.append("|---|---|---|---:|---:|---:|---|").append(alloc ? "---:|" : "").append('\n');
    for (RunResult r : rows) {
      Result primary = r.getPrimaryResult();
      md.append("| ").append(shortName(r.getParams())).append(" | ").append(params(r.getParams(), null))
          .append(" | ").append(r.getParams().getMode().shortLabel()).append(" | ").append(primary.getSampleCount())
          .append(" | ").append(number(primary.getScore())).append(" | ").append(number(primary.getScoreError()))
          .append(" | ").append(primary.getScoreUnit()).append(" |");
      if (alloc) {
        Result a = allocation(r);
        md.append(' ').append(a == null ? "" : number(a.getScore())).append(" |");
      }
      md.append('\n');
    }
    md.append(scaling(rows));
    return md.toString();
  }

  /** For each benchmark with a node count: its score at each count, relative to the smallest. */
  private static String scaling(List<RunResult> rows) {
    Map<String, List<RunResult>> series = new LinkedHashMap<>();
    for (RunResult r : rows) {
      if (r.getParams().getParamsKeys().contains(NODES)) {
        series.computeIfAbsent(shortName(r.getParams()) + " " + params(r.getParams(), NODES), k -> new ArrayList<>())
            .add(r);
      }
    }
    if (series.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n## Growth with the node count\n\n");
    md.append("Score at each node count, and its ratio to the score at the smallest count (the node count grows ")
        .append("by the ratio in brackets); a ratio below the node ratio is sub-linear growth.\n\n");
    md.append("| Benchmark | Params | Nodes | Score | Unit | × smallest (× nodes) |\n|---|---|---:|---:|---|---|\n");
    for (Map.Entry<String, List<RunResult>> s : series.entrySet()) {
      List<RunResult> points = new ArrayList<>(s.getValue());
      points.sort(Comparator.comparingInt(r -> Integer.parseInt(r.getParams().getParam(NODES))));
      RunResult first = points.get(0);
      int baseNodes = Integer.parseInt(first.getParams().getParam(NODES));
      double base = first.getPrimaryResult().getScore();
      for (RunResult r : points) {
        int n = Integer.parseInt(r.getParams().getParam(NODES));
        double score = r.getPrimaryResult().getScore();
        md.append("| ").append(shortName(r.getParams())).append(" | ").append(params(r.getParams(), NODES))
            .append(" | ").append(n).append(" | ").append(number(score)).append(" | ")
            .append(r.getPrimaryResult().getScoreUnit()).append(" | ")
            .append(String.format(Locale.ROOT, "%.2f (%.0f)", score / base, (double) n / baseNodes)).append(" |\n");
      }
    }
    return md.toString();
  }

  private static Result allocation(RunResult r) {
    for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("alloc.rate.norm")) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The class and method, without the package. */
  static String shortName(BenchmarkParams p) {
    String full = p.getBenchmark();
    int method = full.lastIndexOf('.');
    int type = full.lastIndexOf('.', method - 1);
    return full.substring(type + 1);
  }

  private static String params(BenchmarkParams p, String except) {
    String joined = p.getParamsKeys().stream().filter(k -> !k.equals(except))
        .map(k -> k + "=" + p.getParam(k)).collect(Collectors.joining(", "));
    return joined.isEmpty() ? "" : joined;
  }

  /** Numeric parameters sort by value (100 before 1000), the rest as text. */
  private static String paramsSortKey(BenchmarkParams p) {
    return p.getParamsKeys().stream().map(k -> {
      String v = p.getParam(k);
      return v.matches("\\d{1,18}") ? String.format("%020d", Long.parseLong(v)) : v;
    }).collect(Collectors.joining("|"));
  }

  /** Four significant digits at most, no exponent; NaN (one sample, no error) as a dash. */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "–";
    }
    double abs = Math.abs(value);
    String pattern = abs >= 1000 ? "%.0f" : abs >= 100 ? "%.1f" : abs >= 10 ? "%.2f" : abs >= 1 ? "%.3f" : "%.4f";
    return String.format(Locale.ROOT, pattern, value);
  }
}
