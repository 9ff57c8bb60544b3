package dev.orca.chaos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunMetricsTest {
  /** A probe every second; {@code short} pods short of desired from {@code from} to {@code to} (exclusive). */
  private static List<Sample> samples(int seconds, double from, double to, double apiDownFrom, double apiDownTo) {
    List<Sample> out = new ArrayList<>();
    for (int t = 0; t <= seconds; t++) {
      boolean shortOf = t >= from && t < to;
      boolean apiDown = t >= apiDownFrom && t < apiDownTo;
      out.add(new Sample(t, !apiDown, apiDown ? 2000 : 10 + t, 10, shortOf ? 7 : 10, shortOf ? 7 : 10, t == 5 ? 2 : 0, 0, 0, !shortOf));
    }
    return out;
  }

  @Test
  void detectAndRecoverAreTimedFromTheFaultsStart() {
    List<Sample> s = samples(60, 13, 25, -1, -1);
    FaultWindow kill = new FaultWindow(0, "kill-jvm", "member/orca-3", 10, 40, null);
    RunMetrics.Summary m = RunMetrics.of(s, List.of(kill), 60);
    assertEquals(3, m.faults().get(0).detect(), 1e-9);
    assertEquals(15, m.faults().get(0).recover(), 1e-9); // available again at 25
    assertTrue(m.faults().get(0).recovered());
  }

  @Test
  void anAbsorbedFaultRecoversInZeroAndIsNotDetected() {
    RunMetrics.Summary m = RunMetrics.of(samples(30, -1, -1, -1, -1),
        List.of(new FaultWindow(0, "delete-pod", "pod/x", 10, 10, null)), 30);
    assertEquals(0, m.faults().get(0).recover(), 1e-9);
    assertTrue(Double.isNaN(m.faults().get(0).detect()));
  }

  @Test
  void aStretchStillOpenAtTheEndIsNotRecovered() {
    RunMetrics.Summary m = RunMetrics.of(samples(30, 12, 99, -1, -1),
        List.of(new FaultWindow(0, "kill-jvm", "member/orca-2", 10, 20, null)), 30);
    assertFalse(m.faults().get(0).recovered());
    assertTrue(Double.isNaN(RunMetrics.recoveryP50Max(m.faults())[1]));
  }

  @Test
  void eachFaultIsChargedOnlyWhatBeganBeforeTheNext() {
    // first fault's trouble 11–14, second fault (at 20) its own 22–30
    List<Sample> s = new ArrayList<>();
    for (int t = 0; t <= 40; t++) {
      boolean shortOf = (t >= 11 && t < 14) || (t >= 22 && t < 30);
      s.add(new Sample(t, true, 10, 10, shortOf ? 8 : 10, 10, 0, 0, 0, !shortOf));
    }
    RunMetrics.Summary m = RunMetrics.of(s, List.of(new FaultWindow(0, "a", "x", 10, 10, null),
        new FaultWindow(1, "b", "y", 20, 25, null)), 40);
    assertEquals(4, m.faults().get(0).recover(), 1e-9);
    assertEquals(10, m.faults().get(1).recover(), 1e-9);
    double[] p = RunMetrics.recoveryP50Max(m.faults());
    assertEquals(4, p[0], 1e-9);
    assertEquals(10, p[1], 1e-9);
  }

  @Test
  void apiFiguresCountOnlyProbesDuringFaults() {
    List<Sample> s = samples(30, -1, -1, 12, 14); // down at 12 and 13
    RunMetrics.Summary m = RunMetrics.of(s, List.of(new FaultWindow(0, "pause-jvm", "member/orca-2", 10, 19, null)), 30);
    assertEquals(8 / 10.0, m.apiAvailability(), 1e-9); // 10..19: 10 probes, 2 failed
    assertEquals(29 / 31.0, m.apiAvailabilityOverall(), 1e-9);
    assertEquals(29, m.apiP99(), 1e-9); // answered latencies 20, 21, 24..29 (10 + t): nearest rank 8 of 8
  }

  @Test
  void excessPodsIntegrateOverTime() {
    RunMetrics.Summary m = RunMetrics.of(samples(10, -1, -1, -1, -1), List.of(), 10);
    assertEquals(2.0, m.excessPodSeconds(), 1e-9); // 2 excess pods for the second from t=5
  }

  @Test
  void faultsThatWereNotInjectedAreLeftOut() {
    RunMetrics.Summary m = RunMetrics.of(samples(10, -1, -1, -1, -1),
        List.of(new FaultWindow(0, "delete-pod", "random", 3, 3, "no pod to aim at")), 10);
    assertTrue(m.faults().isEmpty());
  }

  @Test
  void faultsStrikingBeforeTheLastRecoveredMergeIntoOneIncidentThatSettlesAfterTheLast() {
    // a storm: faults at 10, 15, 20; pods short from 11 until 32
    List<Sample> s = samples(50, 11, 32, -1, -1);
    RunMetrics.Summary m = RunMetrics.of(s, List.of(new FaultWindow(0, "crash", "a", 10, 10, null),
        new FaultWindow(1, "crash", "b", 15, 15, null), new FaultWindow(2, "crash", "c", 20, 20, null)), 50);
    assertTrue(m.faults().get(0).merged());
    assertTrue(m.faults().get(1).merged());
    assertFalse(m.faults().get(2).merged());
    assertEquals(22, m.faults().get(0).recover(), 1e-9); // its own figure still runs to the end of the outage
    List<RunMetrics.Incident> incidents = RunMetrics.incidents(m.faults());
    assertEquals(1, incidents.size());
    assertEquals(3, incidents.get(0).faults());
    assertEquals(22, incidents.get(0).outage(), 1e-9);
    assertEquals(12, incidents.get(0).settle(), 1e-9);
    double[] p = RunMetrics.recoveryP50Max(m.faults());
    assertEquals(12, p[0], 1e-9);
    assertEquals(12, p[1], 1e-9);
  }

  @Test
  void anInstantFaultsApiFiguresRunUntilItRecovered() {
    List<Sample> s = samples(30, 11, 16, 12, 13); // short 11..15, API down at 12
    RunMetrics.Summary m = RunMetrics.of(s, List.of(new FaultWindow(0, "delete-pod", "pod/x", 10, 10, null)), 30);
    assertEquals(6, m.faults().get(0).recover(), 1e-9);
    assertEquals(6 / 7.0, m.apiAvailability(), 1e-9); // probes 10..16
    assertEquals(26, m.apiP99(), 1e-9);
  }

  @Test
  void failingWritesAreTroubleThoughEveryPodServes() {
    List<Sample> s = new ArrayList<>();
    for (int t = 0; t <= 30; t++) {
      s.add(new Sample(t, true, 10, 10, 10, 10, 0, 0, 0, true, t >= 12 && t < 20 ? 3 : 0));
    }
    RunMetrics.Summary m = RunMetrics.of(s, List.of(new FaultWindow(0, "pause-db", "postgres", 10, 20, null)), 30);
    assertEquals(2, m.faults().get(0).detect(), 1e-9);
    assertEquals(0, m.faults().get(0).recover(), 1e-9); // no Deployment was short
  }
}
