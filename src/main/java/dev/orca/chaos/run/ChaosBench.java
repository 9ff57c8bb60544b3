package dev.orca.chaos.run;

import dev.orca.chaos.scenario.InvalidScenario;
import dev.orca.chaos.scenario.Profile;
import dev.orca.chaos.scenario.Scenario;
import dev.orca.chaos.scenario.ScenarioReader;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code orca bench chaos --scenario FILE}: the scenario under each of its configurations in turn
 * (Orca's settings, stock Pekko's, Kubernetes' node timings), each on a cluster of its own, then
 * one report for them all. A run that could not even start (the workload never came up) is
 * reported as not recovered with its reason.
 */
public final class ChaosBench {
  private ChaosBench() {}

  /** Runs and reports; returns the process exit code (0: every run met every bar). */
  public static int main(Path scenarioFile, List<String> only, Path dataDir, Path out, String commandLine,
      Consumer<String> log) throws Exception {
    Scenario scenario;
    try {
      scenario = ScenarioReader.read(scenarioFile);
    } catch (InvalidScenario e) {
      log.accept(e.getMessage());
      return 2;
    }
    List<Profile> profiles = new ArrayList<>();
    for (Profile p : scenario.profiles()) {
      if (only.isEmpty() || only.contains(p.wireName())) {
        profiles.add(p);
      }
    }
    for (String name : only) {
      if (Profile.of(name).isEmpty()) {
        log.accept("no configuration " + name + " (there are " + Profile.names() + ")");
        return 2;
      }
    }
    if (profiles.isEmpty()) {
      log.accept("the scenario runs none of " + only + " (it has " + scenario.profiles() + ")");
      return 2;
    }
    List<RunResult> runs = new ArrayList<>();
    for (Profile p : profiles) {
      log.accept("== " + scenario.name() + " under " + p.wireName());
      RunResult r = runOrRetry(scenario, p, dataDir.resolve(scenario.name()).resolve(p.wireName()), log);
      log.accept("== " + p.wireName() + ": recovered " + r.recovered() + ", recovery p50/max " + r.recoverySecondsP50()
          + "/" + r.recoverySecondsMax() + " s, acked writes lost " + r.ackedWritesLost() + ", resurrected "
          + r.resurrectedObjects() + ", single-writer violations " + r.singleWriterViolations() + ", orphans "
          + r.orphanProcesses());
      runs.add(r);
    }
    String base = scenario.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
    Path report = ChaosReport.write(out, base, scenario, scenarioFile, runs, commandLine);
    log.accept("report: " + report);
    return runs.stream().allMatch(RunResult::clean) ? 0 : 1;
  }

  /**
   * One configuration's run; a run that fails with an exception (the cluster would not form — once
   * a member's port was taken meanwhile) is tried once more afresh, and if that fails too it is
   * reported as not recovered, with the reason, so the other configurations still make a report.
   */
  private static RunResult runOrRetry(Scenario scenario, Profile p, Path dir, Consumer<String> log) {
    Exception last = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        return new ProfileRun(scenario, p, dir, log).run();
      } catch (Exception e) {
        last = e;
        log.accept("== " + p.wireName() + ": attempt " + attempt + " failed: " + e.getMessage());
      }
    }
    return RunResult.failed(p.wireName(), "the run failed twice; last: " + last.getMessage());
  }
}
