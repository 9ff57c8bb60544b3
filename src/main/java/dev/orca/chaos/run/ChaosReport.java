package dev.orca.chaos.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.bench.SvgChart;
import dev.orca.chaos.Durations;
import dev.orca.chaos.scenario.Scenario;
import dev.orca.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chaos run's report: {@code NAME.json} (the figures, one object per configuration in
 * {@code runs}), {@code NAME.md} (the tables, the ratios to Orca's own configuration, every fault,
 * the findings), per configuration an SVG of desired vs ready pods with the fault windows shaded
 * and one of API latency, and a CSV of every probe.
 */
final class ChaosReport {
  private ChaosReport() {}

  static Path write(Path dir, String base, Scenario scenario, Path scenarioFile, List<RunResult> runs, String commandLine)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(base + ".json"), Json.mapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(json(scenario, runs, commandLine)) + "\n");
    for (RunResult r : runs) {
      Files.writeString(dir.resolve(base + "-" + r.configuration() + "-pods.svg"), podsChart(scenario, r));
      Files.writeString(dir.resolve(base + "-" + r.configuration() + "-latency.svg"), latencyChart(scenario, r));
      Files.writeString(dir.resolve(base + "-" + r.configuration() + ".csv"), csv(r));
    }
    Path md = dir.resolve(base + ".md");
    Files.writeString(md, markdown(base, scenario, scenarioFile, runs, commandLine));
    return md;
  }

  static ObjectNode json(Scenario scenario, List<RunResult> runs, String commandLine) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("scenario", scenario.name());
    root.put("seed", scenario.seed());
    root.put("description", scenario.description());
    root.put("command", commandLine);
    ArrayNode array = root.putArray("runs");
    for (RunResult r : runs) {
      ObjectNode o = array.addObject();
      o.put("configuration", r.configuration());
      o.put("recovered", r.recovered());
      ObjectNode rec = o.putObject("recoverySeconds");
      putNumber(rec, "p50", r.recoverySecondsP50());
      putNumber(rec, "max", r.recoverySecondsMax());
      putNumber(o, "detectSeconds", r.detectSeconds());
      o.put("apiAvailability", round(r.apiAvailability(), 4));
      ObjectNode lat = o.putObject("apiLatencyMs");
      putNumber(lat, "p50", r.apiLatencyP50());
      putNumber(lat, "p99", r.apiLatencyP99());
      o.put("ackedWritesLost", r.ackedWritesLost());
      o.put("resurrectedObjects", r.resurrectedObjects());
      o.put("excessPodSeconds", round(r.excessPodSeconds(), 1));
      o.put("singleWriterViolations", r.singleWriterViolations());
      o.put("orphanProcesses", r.orphanProcesses());
      o.put("faults", r.faults());
      o.put("acknowledgedWrites", r.acknowledgedWrites());
      o.put("unknownWrites", r.unknownWrites());
      o.put("apiAvailabilityOverall", round(r.apiAvailabilityOverall(), 4));
      putNumber(o, "settledSecondsAfterFaultPhase", RunResult.orNull(r.finalRecoverySeconds()));
      ArrayNode per = o.putArray("perFault");
      for (RunMetrics.PerFault f : r.perFault()) {
        ObjectNode pf = per.addObject();
        pf.put("seq", f.fault().seq());
        pf.put("kind", f.fault().kind());
        pf.put("target", f.fault().target());
        pf.put("start", round(f.fault().start(), 1));
        pf.put("end", round(f.fault().end(), 1));
        putNumber(pf, "detectSeconds", RunResult.orNull(f.detect()));
        putNumber(pf, "recoverySeconds", RunResult.orNull(f.recover()));
        pf.put("mergedIntoNext", f.merged());
      }
      ArrayNode incidents = o.putArray("incidents");
      for (RunMetrics.Incident i : RunMetrics.incidents(r.perFault())) {
        ObjectNode in = incidents.addObject();
        in.put("firstFault", i.firstSeq());
        in.put("lastFault", i.lastSeq());
        in.put("faults", i.faults());
        putNumber(in, "outageSeconds", RunResult.orNull(i.outage()));
        putNumber(in, "settleSeconds", RunResult.orNull(i.settle()));
      }
      ArrayNode findings = o.putArray("findings");
      r.findings().forEach(findings::add);
    }
    return root;
  }

  private static String markdown(String base, Scenario scenario, Path scenarioFile, List<RunResult> runs, String commandLine) {
    StringBuilder md = new StringBuilder();
    md.append("# Chaos: ").append(scenario.name()).append("\n\n").append(scenario.description()).append("\n\n");
    md.append("Command: `").append(commandLine).append("` (scenario `").append(scenarioFile).append("`, seed ")
        .append(scenario.seed()).append(")\n\n");
    md.append(String.format(Locale.ROOT, "%d members × %d simulated nodes on a PostgreSQL journal; %d Deployments × %d "
            + "replicas laid down (their recovery is timed); a writer making %.0f writes/s (create, scale, update, delete of its "
            + "own Deployments, each logged with its answer) and a probe every %s through the API of a live member; "
            + "fault phase %s, then up to %s to settle.%n%n",
        scenario.cluster().members(), scenario.cluster().simulatedNodesPerMember(), scenario.workload().deployments(),
        scenario.workload().replicas(), scenario.workload().writesPerSecond(),
        Durations.format(scenario.workload().probeInterval()), Durations.format(scenario.duration()),
        Durations.format(scenario.recoveryTimeout())));
    md.append("Detect: from a fault's start to the first probe showing trouble (a node not Ready, a member not Up, a ")
        .append("Deployment short of available, the API not answering a read, a write failing with no answer or a 5xx). ")
        .append("Recover: from its start to the end of the last ")
        .append("stretch with a Deployment short of its desired available count that began before the next fault (0: ")
        .append("absorbed) — counting the pods that really serve: a pod the API calls ready on a member the run has ")
        .append("killed or frozen does not (the plots show both). A fault whose stretch is still open when the next one ")
        .append("strikes is merged into it; such faults form one incident, whose *outage* runs from its first fault to ")
        .append("the end of the stretch and which *settles* in the time from its last fault to that end. The recovery ")
        .append("p50 / max below are over incidents' settle times (a single fault: its recovery). API figures: the probes ")
        .append("taken from a fault's start until it ended or recovered, whichever is later.\n\n");
    RunResult orca = runs.stream().filter(r -> r.configuration().equals("orca")).findFirst().orElse(null);
    md.append("| configuration | recovered | recovery p50 / max (s) | vs orca (max) | detect p50 (s) | API available | ")
        .append("API p50 / p99 (ms) | acked writes (lost) | resurrected | excess pod·s | single-writer violations | ")
        .append("orphan processes | faults |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (RunResult r : runs) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s / %s | %s | %s | %.1f %% | %s / %s | %d (%d) | %d | %.1f | %d | %d | %d |%n",
          r.configuration(), r.recovered() ? "yes" : "**no**", num(r.recoverySecondsP50()), num(r.recoverySecondsMax()),
          ratio(r, orca), num(r.detectSeconds()), 100 * r.apiAvailability(), num(r.apiLatencyP50()), num(r.apiLatencyP99()),
          r.acknowledgedWrites(), r.ackedWritesLost(), r.resurrectedObjects(), r.excessPodSeconds(),
          r.singleWriterViolations(), r.orphanProcesses(), r.faults()));
    }
    for (RunResult r : runs) {
      md.append("\n## ").append(r.configuration()).append("\n\n");
      md.append("![desired vs ready](").append(base).append('-').append(r.configuration()).append("-pods.svg)\n")
          .append("![API latency](").append(base).append('-').append(r.configuration()).append("-latency.svg)\n\n");
      md.append(String.format(Locale.ROOT, "API availability over the whole run %.2f %%; %d writes acknowledged, %d of "
              + "unknown outcome; everything settled %s s after the fault phase.%n%n",
          100 * r.apiAvailabilityOverall(), r.acknowledgedWrites(), r.unknownWrites(),
          num(RunResult.orNull(r.finalRecoverySeconds()))));
      List<RunMetrics.Incident> incidents = RunMetrics.incidents(r.perFault());
      if (incidents.size() < r.perFault().size()) {
        md.append("| incident | faults | outage (s) | settle after the last fault (s) |\n| --- | --- | --- | --- |\n");
        for (RunMetrics.Incident i : incidents) {
          md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |%n", i.faults() == 1 ? "#" + i.firstSeq()
              : "#" + i.firstSeq() + "–#" + i.lastSeq(), i.faults(), num(RunResult.orNull(i.outage())),
              i.recovered() ? num(i.settle()) : "**not recovered**"));
        }
        md.append('\n');
      }
      md.append("| # | fault | target | from (s) | to (s) | detect (s) | recover (s) |\n| --- | --- | --- | --- | --- | --- | --- |\n");
      for (RunMetrics.PerFault f : r.perFault()) {
        md.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f | %.1f | %s | %s |%n", f.fault().seq(), f.fault().kind(),
            f.fault().target(), f.fault().start(), f.fault().end(), num(RunResult.orNull(f.detect())),
            !f.recovered() ? "**not recovered**" : num(f.recover()) + (f.merged() ? " (merged into the next)" : "")));
      }
      if (!r.findings().isEmpty()) {
        md.append("\nFindings:\n\n");
        r.findings().forEach(f -> md.append("- ").append(f).append('\n'));
      }
    }
    return md.toString();
  }

  private static String podsChart(Scenario scenario, RunResult r) {
    List<double[]> desired = new ArrayList<>();
    List<double[]> ready = new ArrayList<>();
    List<double[]> apiReady = new ArrayList<>();
    for (Sample s : r.samples()) {
      if (s.apiOk() && s.desired() >= 0) {
        desired.add(new double[] {s.at(), s.desired()});
        ready.add(new double[] {s.at(), s.ready()});
        apiReady.add(new double[] {s.at(), s.apiReady()});
      }
    }
    return SvgChart.lines(scenario.name() + " (" + r.configuration() + "): desired vs ready pods, faults shaded",
        "seconds into the fault phase", "pods", List.of(new SvgChart.Series("desired", "#888888", desired),
            new SvgChart.Series("ready as the API says", "#e9c46a", apiReady),
            new SvgChart.Series("ready and serving", "#2a9d8f", ready)), bands(r));
  }

  private static String latencyChart(Scenario scenario, RunResult r) {
    List<double[]> ok = new ArrayList<>();
    List<double[]> failed = new ArrayList<>();
    for (Sample s : r.samples()) {
      (s.apiOk() ? ok : failed).add(new double[] {s.at(), s.latencyMs()});
    }
    List<SvgChart.Series> series = new ArrayList<>(List.of(new SvgChart.Series("answered (ms)", "#264653", ok)));
    if (!failed.isEmpty()) {
      series.add(new SvgChart.Series("not answered: time to fail (ms)", "#e63946", failed));
    }
    return SvgChart.lines(scenario.name() + " (" + r.configuration() + "): API latency of the probe, faults shaded",
        "seconds into the fault phase", "ms", series, bands(r));
  }

  private static List<double[]> bands(RunResult r) {
    return r.perFault().stream().map(f -> new double[] {f.fault().start(), f.fault().end()}).toList();
  }

  private static String csv(RunResult r) {
    StringBuilder csv = new StringBuilder(
        "at,api_ok,latency_ms,desired,ready,api_ready,excess_pods,nodes_not_ready,members_impaired,all_available,writes_failed\n");
    for (Sample s : r.samples()) {
      csv.append(String.format(Locale.ROOT, "%.2f,%b,%.1f,%d,%d,%d,%d,%d,%d,%b,%d%n", s.at(), s.apiOk(), s.latencyMs(),
          s.desired(), s.ready(), s.apiReady(), s.excessPods(), s.nodesNotReady(), s.membersImpaired(), s.allAvailable(),
          s.writesFailed()));
    }
    return csv.toString();
  }

  private static String ratio(RunResult r, RunResult orca) {
    if (orca == null || r == orca || r.recoverySecondsMax() == null || orca.recoverySecondsMax() == null
        || orca.recoverySecondsMax() <= 0) {
      return r == orca ? "1×" : "–";
    }
    return String.format(Locale.ROOT, "%.1f×", r.recoverySecondsMax() / orca.recoverySecondsMax());
  }

  private static String num(Double v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static void putNumber(ObjectNode o, String field, Double v) {
    if (v == null) {
      o.putNull(field);
    } else {
      o.put(field, round(v, 2));
    }
  }

  private static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}
