package dev.orca.chaos.run;

import java.util.List;

/**
 * One configuration's run of a scenario, as the report's JSON gives it ({@code runs[]}). Times in
 * seconds; a figure that does not exist (a fault that never recovered, no fault that showed) is
 * null in the JSON. {@code samples} and {@code faultWindows} feed the plots and the per-fault table.
 */
public record RunResult(String configuration, boolean recovered, Double recoverySecondsP50, Double recoverySecondsMax,
    Double detectSeconds, double apiAvailability, double apiAvailabilityOverall, Double apiLatencyP50, Double apiLatencyP99,
    int acknowledgedWrites, int unknownWrites, int ackedWritesLost, int resurrectedObjects, double excessPodSeconds,
    int singleWriterViolations, int orphanProcesses, int faults, List<String> findings, List<RunMetrics.PerFault> perFault,
    List<Sample> samples, double finalRecoverySeconds) {

  /** Whether the run met every bar: recovered, nothing lost or resurrected, one writer, no orphans. */
  public boolean clean() {
    return recovered && ackedWritesLost == 0 && resurrectedObjects == 0 && singleWriterViolations == 0
        && orphanProcesses == 0;
  }

  RunResult withOrphans(int orphans) {
    return new RunResult(configuration, recovered, recoverySecondsP50, recoverySecondsMax, detectSeconds, apiAvailability,
        apiAvailabilityOverall, apiLatencyP50, apiLatencyP99, acknowledgedWrites, unknownWrites, ackedWritesLost,
        resurrectedObjects, excessPodSeconds, singleWriterViolations, orphans, faults, findings, perFault, samples,
        finalRecoverySeconds);
  }

  /** A configuration that could not be run: not recovered, nothing measured, the reason as its finding. */
  static RunResult failed(String configuration, String reason) {
    return new RunResult(configuration, false, null, null, null, 0, 0, null, null, 0, 0, -1, -1, 0, -1, -1, 0,
        List.of(reason), List.of(), List.of(), Double.NaN);
  }

  static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
