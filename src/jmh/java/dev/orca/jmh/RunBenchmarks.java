package dev.orca.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmarks jar's entry point ({@code bin/orca bench jmh [JMH options]}): runs JMH with the
 * given options (all benchmarks unless a regexp names some; the GC profiler unless a profiler is
 * named) and writes JMH's JSON to {@code bench/results/jmh-<date>.json} and a summary to the
 * {@code .md} beside it. {@code -h}, {@code -l} and {@code -lp} go straight to JMH.
 *
 * <p>System properties: {@code orca.bench.out} (the results directory, {@code bench/results}),
 * {@code orca.bench.command} (the command line the report quotes).
 */
public final class RunBenchmarks {
  private static final Set<String> JMH_ONLY = Set.of("-h", "-l", "-lp", "-lprof", "-lrf");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm");

  private RunBenchmarks() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).stream().anyMatch(JMH_ONLY::contains)) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    CommandLineOptions given = new CommandLineOptions(args);
    Path out = Path.of(System.getProperty("orca.bench.out", "bench/results"));
    Files.createDirectories(out);
    ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    String name = "jmh-" + started.format(STAMP);
    Path json = out.resolve(name + ".json");
    Path md = out.resolve(name + ".md");
    OptionsBuilder builder = new OptionsBuilder();
    builder.parent(given).resultFormat(ResultFormatType.JSON).result(json.toString());
    if (given.getProfilers().isEmpty()) {
      builder.addProfiler(GCProfiler.class);
    }
    Options options = builder.build();
    String loadBefore = MachineLoad.now();
    Collection<RunResult> results = new Runner(options).run();
    String command = System.getProperty("orca.bench.command",
        "java -jar target/jmh/benchmarks.jar " + String.join(" ", args)).trim();
    Files.writeString(md, ResultsReport.markdown(results, new ResultsReport.Run(command, started,
        json.getFileName().toString(), loadBefore, MachineLoad.now())));
    System.out.println("orca bench jmh: wrote " + json + " and " + md);
  }
}
