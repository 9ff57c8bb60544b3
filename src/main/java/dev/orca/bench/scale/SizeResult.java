package dev.orca.bench.scale;

import java.util.List;
import java.util.Map;

/**
 * One size's figures. Latencies in ms, times in s, rates per second; NaN (null in the JSON) where
 * a figure was not measured. {@code startup*} are create → Running and Ready as the watch saw it,
 * minus the simulated container's own start; {@code fill*} while the pods were being created as
 * fast as the options say, {@code probe*} at the probe rate once they all run, split at the binding
 * the watch saw ({@code probeToBound}: create sent → bound; {@code probeBoundToReady}: bound → Running
 * and Ready, less the container's start). {@code profiles}: per
 * phase ("fill", "api"), where the first control-plane JVM's CPU went (with --profile).
 */
record SizeResult(int nodes, int pods, int members, String journal, double nodesReadySeconds, double fillSeconds,
    double createPerSec, double createBehindMs, int createFailures, String createError, ScaleMetrics.Rate scheduling,
    ScaleMetrics.Percentiles fillStartup, ScaleMetrics.Percentiles probeStartup, double probeRate,
    ScaleMetrics.Percentiles probeToBound, ScaleMetrics.Percentiles probeBoundToReady, Map<String, Verb> api,
    ScaleMetrics.Percentiles watchDelivery, int backgroundWrites, double apiPhaseCpuCores,
    double restCpuCores, long heapNodesOnly, long heapFull, long journalBytes, int podsAtEnd, double restartSeconds,
    double restartApiSeconds, int[] boundPerSecond, int[] readyPerSecond, double[] fillStartupSorted,
    Map<String, JfrProfile.Summary> profiles, List<HeapHistogram.Growth> heapGrowth, List<String> notes) {

  /**
   * One verb's latencies, how many of its requests failed, how many were not sent (too many out),
   * and the slowest answer to the requests sent in each second of the phase (ms; 0 where none was answered).
   */
  record Verb(ScaleMetrics.Percentiles latency, int failures, double perSecond, int skipped, double[] slowestBySecond) {}

  double heapBytesPerPod() {
    return heapFull > 0 && podsAtEnd > 0 ? (double) heapFull / podsAtEnd : Double.NaN;
  }

  double heapBytesPerPodMarginal() {
    return heapFull > 0 && heapNodesOnly > 0 && podsAtEnd > 0 ? (double) (heapFull - heapNodesOnly) / podsAtEnd : Double.NaN;
  }

  double journalBytesPerPod() {
    return journalBytes > 0 && podsAtEnd > 0 ? (double) journalBytes / podsAtEnd : Double.NaN;
  }

  /** Scheduling cost per pod seen from outside: one over the sustained bind rate, ms. */
  double schedulingMsPerPod() {
    return scheduling.sustained() > 0 ? 1000.0 / scheduling.sustained() : Double.NaN;
  }
}
