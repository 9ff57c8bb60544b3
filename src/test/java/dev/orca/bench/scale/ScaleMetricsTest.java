package dev.orca.bench.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleMetricsTest {
  @Test
  void percentilesAreNearestRank() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // 100 … 1, unsorted on purpose
    }
    ScaleMetrics.Percentiles p = ScaleMetrics.percentiles(values);
    assertEquals(50, p.p50());
    assertEquals(99, p.p99());
    assertEquals(100, p.max());
    assertEquals(100, p.count());
    assertEquals(100, values[0]); // the input is left alone
    assertTrue(Double.isNaN(ScaleMetrics.percentiles(new double[0]).p99()));
  }

  @Test
  void sustainedRateIgnoresTheSlowStartAndTheStragglers() {
    // 1000 events evenly over 10 s (100/s), plus 20 stragglers at 30 s
    double[] t = new double[1020];
    for (int i = 0; i < 1000; i++) {
      t[i] = i / 100.0;
    }
    for (int i = 1000; i < 1020; i++) {
      t[i] = 30;
    }
    ScaleMetrics.Rate r = ScaleMetrics.rate(t);
    assertEquals(100, r.sustained(), 2);
    assertEquals(100, r.peak());
  }

  @Test
  void perSecondBucketsCountEventsBySecond() {
    assertArrayEquals(new int[] {2, 0, 1}, ScaleMetrics.perSecond(new double[] {0.1, 0.9, 2.5}));
  }

  @Test
  void optionsParseSizesAndRefuseAnH2Cluster() {
    ScaleOptions o = ScaleOptions.parse(new String[] {"bench", "scale", "--sizes", "100x10k,5000x150000", "--rate", "100",
        "--api-for", "10s", "--no-restart"});
    assertEquals(List.of(new ScaleOptions.Size(100, 10_000), new ScaleOptions.Size(5000, 150_000)), o.sizes());
    assertEquals(100, o.rate());
    assertEquals(Duration.ofSeconds(10), o.apiFor());
    assertEquals(false, o.restart());
    assertThrows(IllegalArgumentException.class, () -> ScaleOptions.parse(new String[] {"bench", "scale", "--members", "3"}));
    assertThrows(IllegalArgumentException.class, () -> ScaleOptions.parse(new String[] {"bench", "scale", "--sizes", "5000"}));
  }
}
