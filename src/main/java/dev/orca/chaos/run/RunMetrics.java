package dev.orca.chaos.run;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run's probes say about each fault and overall (pure). For fault {@code i}, its horizon is
 * the next fault's start (or the run's end):
 * <ul>
 *   <li><b>detect</b>: from its start to the first probe that shows trouble ({@link Sample#degraded()}),
 *       within its horizon; absent when nothing showed;</li>
 *   <li><b>recover</b>: from its start to the end of the last stretch of probes with a Deployment short
 *       of its desired available count (probes the API did not answer left out) that began within its horizon — zero when none began (the fault
 *       was absorbed), absent when that stretch never ended (not recovered).</li>
 * </ul>
 * Faults that overlap (a random soak) share their trouble: each is charged what began before the next
 * one started. API availability and latency count the probes taken while any fault was in effect;
 * excess pod-seconds integrate the pods beyond desired + maxSurge over the whole run.
 */
public final class RunMetrics {
  private RunMetrics() {}

  /** One fault's figures; {@code detect} and {@code recover} in seconds, NaN when absent. */
  public record PerFault(FaultWindow fault, double detect, double recover) {
    public boolean recovered() {
      return !Double.isNaN(recover);
    }
  }

  public record Summary(List<PerFault> faults, double apiAvailability, double apiP50, double apiP99,
      double apiAvailabilityOverall, double excessPodSeconds) {}

  public static Summary of(List<Sample> samples, List<FaultWindow> windows, double runEnd) {
    List<FaultWindow> injected = windows.stream().filter(FaultWindow::injected).toList();
    List<PerFault> per = new ArrayList<>();
    for (int i = 0; i < injected.size(); i++) {
      FaultWindow f = injected.get(i);
      double horizon = i + 1 < injected.size() ? Math.max(f.start(), injected.get(i + 1).start()) : runEnd;
      per.add(new PerFault(f, detect(samples, f.start(), horizon), recover(samples, f.start(), horizon)));
    }
    List<Sample> during = samples.stream().filter(s -> injected.stream().anyMatch(f -> s.at() >= f.start()
        && s.at() <= Math.max(f.end(), f.start()))).toList();
    List<Double> latencies = during.stream().filter(Sample::apiOk).map(Sample::latencyMs).sorted().toList();
    return new Summary(per, availability(during), percentile(latencies, 0.50), percentile(latencies, 0.99),
        availability(samples), excessPodSeconds(samples));
  }

  static double detect(List<Sample> samples, double start, double horizon) {
    for (Sample s : samples) {
      if (s.at() >= start && s.at() < horizon && s.degraded()) {
        return s.at() - start;
      }
    }
    return Double.NaN;
  }

  static double recover(List<Sample> samples, double start, double horizon) {
    double stretchBegan = Double.NaN;
    double recoveredAt = start;
    boolean open = false;
    for (Sample s : samples) {
      if (s.at() < start || !s.apiOk()) {
        continue; // a probe the API did not answer says nothing about the pods
      }
      if (!s.allAvailable()) {
        if (!open) {
          open = true;
          stretchBegan = s.at();
        }
      } else if (open) {
        open = false;
        if (stretchBegan < horizon) {
          recoveredAt = s.at();
        }
      }
      if (!open && s.at() >= horizon) {
        break;
      }
    }
    if (open && stretchBegan < horizon) {
      return Double.NaN;
    }
    return recoveredAt - start;
  }

  static double availability(List<Sample> samples) {
    if (samples.isEmpty()) {
      return 1.0;
    }
    return samples.stream().filter(Sample::apiOk).count() / (double) samples.size();
  }

  /** Nearest-rank percentile of sorted values; NaN when there are none. */
  public static double percentile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static double excessPodSeconds(List<Sample> samples) {
    double total = 0;
    for (int i = 1; i < samples.size(); i++) {
      total += samples.get(i - 1).excessPods() * (samples.get(i).at() - samples.get(i - 1).at());
    }
    return total;
  }

  /** The p50 and max of the faults' recovery times (NaN when a fault did not recover or there were none). */
  public static double[] recoveryP50Max(List<PerFault> faults) {
    if (faults.isEmpty() || faults.stream().anyMatch(f -> !f.recovered())) {
      return new double[] {Double.NaN, Double.NaN};
    }
    List<Double> sorted = faults.stream().map(PerFault::recover).sorted().toList();
    return new double[] {percentile(sorted, 0.5), sorted.get(sorted.size() - 1)};
  }

  /** The median detection time over the faults that showed (NaN when none did). */
  public static double detectP50(List<PerFault> faults) {
    List<Double> sorted = faults.stream().map(PerFault::detect).filter(d -> !Double.isNaN(d)).sorted().toList();
    return percentile(sorted, 0.5);
  }
}
