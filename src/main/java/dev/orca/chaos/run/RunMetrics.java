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
 *       of its desired available count (probes the API did not answer left out) that began within its
 *       horizon — zero when none began (the fault was absorbed), absent when that stretch never ended
 *       (not recovered). A fault whose stretch is still open when the next fault strikes is
 *       <b>merged</b> into it: its recovery cannot be told apart from the next one's.</li>
 * </ul>
 * An <b>incident</b> is a run of faults merged into each other (most often one fault alone): its
 * <i>outage</i> runs from its first fault's start to the end of the shared stretch, and it
 * <i>settles</i> in the time from its last fault's start to that end — the recovery time a run
 * reports (p50 and max over incidents), so a storm of twelve crashes counts once, by how long it
 * takes to heal after the storm, not twelve times by the storm's length.
 * API availability and latency count the probes taken while a fault was in effect or its
 * trouble lasted (from its start until it recovered, or at least until its end); excess pod-seconds
 * integrate the pods beyond desired + maxSurge over the whole run.
 */
public final class RunMetrics {
  private RunMetrics() {}

  /** One fault's figures; {@code detect} and {@code recover} in seconds, NaN when absent. */
  public record PerFault(FaultWindow fault, double detect, double recover, boolean merged) {
    public boolean recovered() {
      return !Double.isNaN(recover);
    }

    /** Until when the fault or its trouble lasted: its end, or its recovery if later (the run's end if none). */
    double affectedUntil(double runEnd) {
      double start = fault.start();
      return Math.max(Math.max(fault.end(), start), recovered() ? start + recover : runEnd);
    }
  }

  /** Faults {@code firstSeq}..{@code lastSeq} merged into one outage; seconds, NaN when it did not end. */
  public record Incident(int firstSeq, int lastSeq, int faults, double outage, double settle) {
    public boolean recovered() {
      return !Double.isNaN(settle);
    }
  }

  public record Summary(List<PerFault> faults, double apiAvailability, double apiP50, double apiP99,
      double apiAvailabilityOverall, double excessPodSeconds) {}

  public static Summary of(List<Sample> samples, List<FaultWindow> windows, double runEnd) {
    List<FaultWindow> injected = windows.stream().filter(FaultWindow::injected).toList();
    List<PerFault> per = new ArrayList<>();
    for (int i = 0; i < injected.size(); i++) {
      FaultWindow f = injected.get(i);
      boolean last = i + 1 == injected.size();
      double horizon = last ? runEnd : Math.max(f.start(), injected.get(i + 1).start());
      double recover = recover(samples, f.start(), horizon);
      boolean merged = !last && (Double.isNaN(recover) || f.start() + recover > horizon);
      per.add(new PerFault(f, detect(samples, f.start(), horizon), recover, merged));
    }
    List<Sample> during = samples.stream().filter(s -> per.stream().anyMatch(f -> s.at() >= f.fault().start()
        && s.at() <= f.affectedUntil(runEnd))).toList();
    List<Double> latencies = during.stream().filter(Sample::apiOk).map(Sample::latencyMs).sorted().toList();
    return new Summary(per, availability(during), percentile(latencies, 0.50), percentile(latencies, 0.99),
        availability(samples), excessPodSeconds(samples));
  }

  /** The faults grouped into incidents, in order. */
  public static List<Incident> incidents(List<PerFault> faults) {
    List<Incident> out = new ArrayList<>();
    int first = 0;
    for (int i = 0; i < faults.size(); i++) {
      if (faults.get(i).merged() && i + 1 < faults.size()) {
        continue;
      }
      PerFault head = faults.get(first);
      PerFault tail = faults.get(i);
      out.add(new Incident(head.fault().seq(), tail.fault().seq(), i - first + 1,
          tail.recovered() ? tail.fault().start() + tail.recover() - head.fault().start() : Double.NaN, tail.recover()));
      first = i + 1;
    }
    return out;
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

  /** The p50 and max of the incidents' settle times (NaN when one did not recover or there were none). */
  public static double[] recoveryP50Max(List<PerFault> faults) {
    List<Incident> incidents = incidents(faults);
    if (incidents.isEmpty() || incidents.stream().anyMatch(f -> !f.recovered())) {
      return new double[] {Double.NaN, Double.NaN};
    }
    List<Double> sorted = incidents.stream().map(Incident::settle).sorted().toList();
    return new double[] {percentile(sorted, 0.5), sorted.get(sorted.size() - 1)};
  }

  /** The median detection time over the faults that showed (NaN when none did). */
  public static double detectP50(List<PerFault> faults) {
    List<Double> sorted = faults.stream().map(PerFault::detect).filter(d -> !Double.isNaN(d)).sorted().toList();
    return percentile(sorted, 0.5);
  }
}
