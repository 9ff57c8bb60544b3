package dev.orca.bench.scale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.bench.SvgChart;
import dev.orca.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scale benchmark's report: JSON (the largest size's figures at the top, with the fields the
 * issue names, and every size under {@code sizes}), Markdown, and SVG plots — pods bound and ready
 * per second during each fill, the distribution of start-up latency, and cost against size.
 */
final class ScaleReport {
  private ScaleReport() {}

  static Path write(Path dir, String base, Path jsonOut, List<SizeResult> sizes, ScaleOptions options, String command,
      String machine) throws IOException {
    Files.createDirectories(dir);
    Path json = jsonOut != null ? jsonOut : dir.resolve(base + ".json");
    if (json.getParent() != null) {
      Files.createDirectories(json.getParent());
    }
    Files.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(sizes, command, machine))
        + "\n");
    for (SizeResult s : sizes) {
      Files.writeString(dir.resolve(base + "-" + label(s) + "-rate.svg"), rateChart(s));
      if (!s.api().isEmpty()) {
        Files.writeString(dir.resolve(base + "-" + label(s) + "-api.svg"), apiChart(s));
      }
    }
    Files.writeString(dir.resolve(base + "-startup.svg"), startupChart(sizes));
    if (sizes.size() > 1) {
      for (String[] chart : costCharts(sizes)) {
        Files.writeString(dir.resolve(base + "-" + chart[0] + ".svg"), chart[1]);
      }
    }
    Path md = dir.resolve(base + ".md");
    Files.writeString(md, markdown(base, json, sizes, options, command, machine));
    return md;
  }

  static ObjectNode json(List<SizeResult> sizes, String command, String machine) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("command", command);
    root.put("machine", machine);
    put(root, sizes.get(sizes.size() - 1));
    var array = root.putArray("sizes");
    sizes.forEach(s -> put(array.addObject(), s));
    return root;
  }

  private static void put(ObjectNode o, SizeResult s) {
    o.put("nodes", s.nodes());
    o.put("pods", s.pods());
    o.put("members", s.members());
    o.put("journal", s.journal());
    ObjectNode sched = o.putObject("schedulingPodsPerSec");
    num(sched, "sustained", s.scheduling().sustained());
    num(sched, "peak", s.scheduling().peak());
    percentiles(o.putObject("podStartupMs"), s.probeStartup());
    o.put("podStartupProbeRate", s.probeRate());
    percentiles(o.putObject("podStartupToBoundMs"), s.probeToBound());
    percentiles(o.putObject("podStartupBoundToReadyMs"), s.probeBoundToReady());
    percentiles(o.putObject("podStartupMsDuringFill"), s.fillStartup());
    ObjectNode api = o.putObject("apiLatencyMs");
    for (Map.Entry<String, SizeResult.Verb> v : s.api().entrySet()) {
      ObjectNode verb = api.putObject(v.getKey());
      num(verb, "p50", v.getValue().latency().p50());
      num(verb, "p99", v.getValue().latency().p99());
      num(verb, "max", v.getValue().latency().max());
      verb.put("failures", v.getValue().failures());
      verb.put("notSent", v.getValue().skipped());
      num(verb, "perSecond", v.getValue().perSecond());
      var slowest = verb.putArray("slowestBySecondMs");
      for (double ms : v.getValue().slowestBySecond()) {
        slowest.add(Math.round(ms * 10) / 10.0);
      }
    }
    percentiles(api.putObject("watch"), s.watchDelivery());
    o.put("backgroundWritesPerSec", s.backgroundWrites());
    num(o, "heapBytesPerPod", s.heapBytesPerPod());
    num(o, "heapBytesPerPodMarginal", s.heapBytesPerPodMarginal());
    num(o, "journalBytesPerPod", s.journalBytesPerPod());
    num(o, "recoverySeconds", s.restartSeconds());
    num(o, "recoveryApiSeconds", s.restartApiSeconds());
    o.put("heapBytesNodesOnly", s.heapNodesOnly());
    o.put("heapBytes", s.heapFull());
    o.put("journalBytes", s.journalBytes());
    o.put("podsAtEnd", s.podsAtEnd());
    num(o, "cpuCoresAtRest", s.restCpuCores());
    num(o, "cpuCoresApiPhase", s.apiPhaseCpuCores());
    num(o, "nodesReadySeconds", s.nodesReadySeconds());
    num(o, "fillSeconds", s.fillSeconds());
    num(o, "createPerSec", s.createPerSec());
    num(o, "createBehindMs", s.createBehindMs());
    num(o, "schedulingMsPerPod", s.schedulingMsPerPod());
    o.put("createFailures", s.createFailures());
    if (s.createError() != null) {
      o.put("createError", s.createError());
    }
    if (!s.profiles().isEmpty()) {
      ObjectNode profiles = o.putObject("profiles");
      s.profiles().forEach((phase, p) -> {
        ObjectNode po = profiles.putObject(phase);
        po.put("samples", p.samples());
        entries(po.putArray("selfTop"), p.self());
        entries(po.putArray("orcaTop"), p.orca());
        entries(po.putArray("threads"), p.threads());
      });
    }
    if (!s.heapGrowth().isEmpty()) {
      var growth = o.putArray("heapGrowthTop");
      s.heapGrowth().forEach(g -> growth.addObject().put("class", g.className()).put("instances", g.instances())
          .put("bytes", g.bytes()));
    }
    var notes = o.putArray("notes");
    s.notes().forEach(notes::add);
  }

  private static void entries(com.fasterxml.jackson.databind.node.ArrayNode array, List<Map.Entry<String, Integer>> entries) {
    entries.forEach(e -> array.addObject().put("name", e.getKey()).put("samples", e.getValue()));
  }

  private static void percentiles(ObjectNode o, ScaleMetrics.Percentiles p) {
    num(o, "p50", p.p50());
    num(o, "p99", p.p99());
    num(o, "max", p.max());
    o.put("count", p.count());
  }

  /** How the fill made its pods: bare Pods through the API, or Deployments whose ReplicaSets create them. */
  private static String fillDescription(ScaleOptions options) {
    if (options.deployments() > 0) {
      return String.format(Locale.ROOT, "Pods come from %d Deployments (created through the HTTP API, spread over %d "
          + "namespaces, one container each, requests 10m CPU / 16Mi): their ReplicaSets create them", options.deployments(),
          PodCreator.NAMESPACES);
    }
    return String.format(Locale.ROOT, "Pods are bare Pods (one container, requests 10m CPU / 16Mi) in %d namespaces, "
        + "created through the HTTP API %s", PodCreator.NAMESPACES, options.rate() > 0 ? "at " + options.rate()
        + " a second" : "as fast as " + options.concurrency() + " requests in flight allow");
  }

  private static String markdown(String base, Path json, List<SizeResult> sizes, ScaleOptions options, String command,
      String machine) {
    StringBuilder md = new StringBuilder("# Scale: " + sizes.stream().map(ScaleReport::label).reduce((a, b) -> a + ", " + b)
        .orElse("") + "\n\n");
    md.append("Command: `").append(command).append("`\n\nJSON: `").append(json.getFileName()).append("`. Machine: ")
        .append(machine).append(".\n\n");
    md.append(String.format(Locale.ROOT, "%s; the client follows every pod through one watch of all namespaces. "
            + "Start-up latency: %s → the watch shows the pod Running and Ready, minus the "
            + "simulated container's own start (%d ms). Scheduling: pods first seen bound per second — sustained over the "
            + "middle 90 %% of the fill, peak in any one second. The API phase: %d merge-patches/s in the background for "
            + "%d s, after %d s of the same load not counted (a warm-up: the patch path compiled, the collector re-sized after the full collections that measured the heap), beside %d creates/s, %d GETs/s and paged LISTs (limit 500) of a namespace (%d/s) and of the cluster "
            + "(%d/s); watch delivery is from a patch sent to its event on the watch (the write's own latency included: the event often comes before the answer). Heap: live heap after a full GC "
            + "(jcmd), summed over the control plane's JVMs; CPU likewise. Recovery: every JVM stopped (SIGTERM) and started again, until the API shows every node and pod "
            + "Ready.%n%n", fillDescription(options),
        options.deployments() > 0 ? "the pod first seen on the watch (the probe's pods: the create request sent)"
            : "the create request sent", options.containerStart().toMillis(), options.backgroundWrites(),
        options.apiFor().toSeconds(), options.apiWarmup().toSeconds(), ApiPhase.CREATES_PER_SECOND, ApiPhase.GETS_PER_SECOND,
        ApiPhase.NAMESPACE_LISTS_PER_SECOND, ApiPhase.CLUSTER_LISTS_PER_SECOND));
    md.append("| size | control plane | nodes Ready (s) | fill (s) | created/s | scheduled/s sustained / peak | "
        + "ms per pod | start-up during fill p50 / p99 / max (ms) | start-up at probe rate p50 / p99 / max (ms) | "
        + "live heap (all JVMs) | heap/pod (marginal) | journal/pod | CPU at rest | restart → all Ready (API up) |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (SizeResult s : sizes) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s / %s | %s | %s | %s at %.0f/s | %s | %s (%s) B | "
              + "%s B | %s cores | %s s (%s s) |%n", label(s), s.members() + "× " + s.journal(), f1(s.nodesReadySeconds()),
          f1(s.fillSeconds()), f0(s.createPerSec()), f0(s.scheduling().sustained()), f0(s.scheduling().peak()),
          f2(s.schedulingMsPerPod()), ms(s.fillStartup()), ms(s.probeStartup()), s.probeRate(), ScaleRun.mib(s.heapFull()),
          f0(s.heapBytesPerPod()), f0(s.heapBytesPerPodMarginal()), f0(s.journalBytesPerPod()), f2(s.restCpuCores()),
          f1(s.restartSeconds()), f1(s.restartApiSeconds())));
    }
    md.append("\n## Start-up at the probe rate, split at the binding (ms)\n\n| size | create sent → bound p50 / p99 / max "
        + "| bound → Running and Ready, less the container's start, p50 / p99 / max | whole |\n| --- | --- | --- | --- |\n");
    for (SizeResult s : sizes) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", label(s), ms(s.probeToBound()),
          ms(s.probeBoundToReady()), ms(s.probeStartup())));
    }
    md.append("\n## API latency under background writes (ms)\n\n| size | verb | sent/s | p50 | p99 | max | failures | "
        + "not sent (" + VerbLoad.MAX_IN_FLIGHT + " out) |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (SizeResult s : sizes) {
      for (Map.Entry<String, SizeResult.Verb> v : s.api().entrySet()) {
        var l = v.getValue().latency();
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d | %d |%n", label(s), v.getKey(),
            f0(v.getValue().perSecond()), f1(l.p50()), f1(l.p99()), f1(l.max()), v.getValue().failures(),
            v.getValue().skipped()));
      }
      md.append(String.format(Locale.ROOT, "| %s | watch delivery | – | %s | %s | %s | – | – |%n", label(s),
          f1(s.watchDelivery().p50()), f1(s.watchDelivery().p99()), f1(s.watchDelivery().max())));
      md.append(String.format(Locale.ROOT, "| %s | (control plane CPU during the phase: %s cores) | | | | | | |%n", label(s),
          f2(s.apiPhaseCpuCores())));
    }
    md.append("\n## Plots\n\n");
    for (SizeResult s : sizes) {
      md.append("![").append(label(s)).append(" rates](").append(base).append('-').append(label(s)).append("-rate.svg)\n");
      if (!s.api().isEmpty()) {
        md.append("![").append(label(s)).append(" API latency by second](").append(base).append('-').append(label(s))
            .append("-api.svg)\n");
      }
    }
    md.append("![start-up latency](").append(base).append("-startup.svg)\n");
    if (sizes.size() > 1) {
      for (String chart : List.of("cost-scheduling", "cost-heap", "cost-startup")) {
        md.append("![").append(chart).append("](").append(base).append('-').append(chart).append(".svg)\n");
      }
    }
    for (SizeResult s : sizes) {
      s.profiles().forEach((phase, p) -> profile(md, label(s) + ", " + phase, p));
      heapGrowth(md, s);
    }
    List<String> notes = new ArrayList<>();
    sizes.forEach(s -> s.notes().forEach(n -> notes.add(label(s) + ": " + n)));
    sizes.stream().filter(s -> s.createFailures() > 0).forEach(s -> notes.add(label(s) + ": " + s.createFailures()
        + " creates failed; first: " + s.createError()));
    if (!notes.isEmpty()) {
      md.append("\n## Notes\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  /** Where the first control-plane JVM's CPU went during a phase, from its JFR recording. */
  private static void profile(StringBuilder md, String title, JfrProfile.Summary p) {
    md.append("\n## Profile: ").append(title).append("\n\n").append(p.samples())
        .append(" execution samples (JFR, first control-plane JVM; recording `").append(p.recording().getFileName())
        .append("` in the run's data directory).\n\n| on top of the stack (self) | % | nearest Orca frame | % | thread | % |\n"
            + "| --- | --- | --- | --- | --- | --- |\n");
    int rows = Math.max(p.self().size(), Math.max(p.orca().size(), p.threads().size()));
    for (int i = 0; i < rows; i++) {
      md.append("| ").append(cell(p.self(), i, p.samples())).append(" | ").append(cell(p.orca(), i, p.samples()))
          .append(" | ").append(cell(p.threads(), i, p.samples())).append(" |\n");
    }
  }

  /** Where a pod's heap goes: the classes that grew most from the nodes alone to every pod, at rest. */
  private static void heapGrowth(StringBuilder md, SizeResult s) {
    if (s.heapGrowth().isEmpty()) {
      return;
    }
    md.append("\n## Heap growth: ").append(label(s)).append("\n\nLive heap by class (`jcmd GC.class_histogram`, first "
        + "control-plane JVM) with every pod at rest, less the same with the nodes only; per pod over ")
        .append(s.podsAtEnd()).append(" pods.\n\n| class | instances per pod | bytes per pod | MiB |\n| --- | ---: | ---: | ---: |\n");
    for (HeapHistogram.Growth g : s.heapGrowth()) {
      md.append("| `").append(g.className()).append("` | ")
          .append(String.format(Locale.ROOT, "%.1f | %.0f | %.1f", (double) g.instances() / s.podsAtEnd(),
              (double) g.bytes() / s.podsAtEnd(), g.bytes() / 1048576.0)).append(" |\n");
    }
  }

  private static String cell(List<Map.Entry<String, Integer>> entries, int i, int total) {
    if (i >= entries.size()) {
      return " | ";
    }
    Map.Entry<String, Integer> e = entries.get(i);
    return "`" + e.getKey() + "` | " + String.format(Locale.ROOT, "%.1f", 100.0 * e.getValue() / Math.max(1, total));
  }

  private static String rateChart(SizeResult s) {
    return SvgChart.lines(label(s) + ": pods bound and ready per second during the fill", "seconds into the fill",
        "pods per second", List.of(new SvgChart.Series("bound", "#264653", series(s.boundPerSecond())),
            new SvgChart.Series("Running and Ready", "#2a9d8f", series(s.readyPerSecond()))));
  }

  /** The series' colours, in turn. */
  private static final String[] COLORS = {"#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#8ab17d"};

  private static String apiChart(SizeResult s) {
    List<SvgChart.Series> series = new ArrayList<>();
    for (Map.Entry<String, SizeResult.Verb> v : s.api().entrySet()) {
      series.add(new SvgChart.Series(v.getKey(), COLORS[series.size() % COLORS.length], series(v.getValue().slowestBySecond())));
    }
    return SvgChart.lines(label(s) + ": slowest answer to the requests sent in each second of the API phase",
        "seconds into the API phase (the warm-up first)", "ms", series);
  }

  private static String startupChart(List<SizeResult> sizes) {
    List<SvgChart.Series> series = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      double[] sorted = sizes.get(i).fillStartupSorted();
      List<double[]> points = new ArrayList<>();
      int step = Math.max(1, sorted.length / 400);
      for (int k = 0; k < sorted.length; k += step) {
        points.add(new double[] {sorted[k], 100.0 * (k + 1) / sorted.length});
      }
      if (sorted.length > 0) {
        points.add(new double[] {sorted[sorted.length - 1], 100.0});
      }
      series.add(new SvgChart.Series(label(sizes.get(i)), COLORS[i % COLORS.length], points));
    }
    return SvgChart.lines("pod start-up latency during the fill (distribution)", "ms, create → Running and Ready",
        "% of pods at or below", series);
  }

  /** Cost against size: scheduling time per pod and live heap against nodes, start-up p99 against pods. */
  private static List<String[]> costCharts(List<SizeResult> sizes) {
    List<double[]> perPod = new ArrayList<>();
    List<double[]> heap = new ArrayList<>();
    List<double[]> startup = new ArrayList<>();
    for (SizeResult s : sizes) {
      perPod.add(new double[] {s.nodes(), s.schedulingMsPerPod()});
      heap.add(new double[] {s.nodes(), s.heapFull() / 1048576.0});
      startup.add(new double[] {s.pods(), s.fillStartup().p99()});
    }
    return List.of(
        new String[] {"cost-scheduling", SvgChart.lines("scheduling time per pod against the node count", "nodes",
            "ms per pod (1 / sustained rate)", List.of(new SvgChart.Series("ms per pod", "#264653", sortByX(perPod))))},
        new String[] {"cost-heap", SvgChart.lines("live heap with every pod against the node count", "nodes", "MiB",
            List.of(new SvgChart.Series("live heap (MiB)", "#e76f51", sortByX(heap))))},
        new String[] {"cost-startup", SvgChart.lines("pod start-up p99 during the fill against the pod count", "pods", "ms",
            List.of(new SvgChart.Series("start-up p99 (ms)", "#2a9d8f", sortByX(startup))))});
  }

  private static List<double[]> sortByX(List<double[]> points) {
    return points.stream().sorted(java.util.Comparator.comparingDouble(p -> p[0])).toList();
  }

  private static List<double[]> series(int[] perSecond) {
    return series(java.util.Arrays.stream(perSecond).asDoubleStream().toArray());
  }

  /** One point a second: (second, value). */
  private static List<double[]> series(double[] bySecond) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < bySecond.length; i++) {
      out.add(new double[] {i, bySecond[i]});
    }
    return out;
  }

  static String label(SizeResult s) {
    return s.nodes() + "x" + s.pods();
  }

  private static String ms(ScaleMetrics.Percentiles p) {
    return f0(p.p50()) + " / " + f0(p.p99()) + " / " + f0(p.max());
  }

  private static String f0(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String f1(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String f2(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static void num(ObjectNode o, String field, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(field);
    } else {
      o.put(field, Math.round(v * 100) / 100.0);
    }
  }
}
