package dev.orca.node.probe;

import dev.orca.model.Probe;
import java.time.Duration;

/**
 * A probe's timings and thresholds with Kubernetes' defaults applied (a field that is unset or
 * zero takes its default, as in the Go types): initialDelaySeconds 0, periodSeconds 10,
 * timeoutSeconds 1, successThreshold 1, failureThreshold 3. Durations are real time, through
 * {@link ProbeTiming}.
 */
public record ProbeParameters(
    Duration initialDelay,
    Duration period,
    Duration timeout,
    int successThreshold,
    int failureThreshold) {

  public static final int DEFAULT_PERIOD_SECONDS = 10;
  public static final int DEFAULT_TIMEOUT_SECONDS = 1;
  public static final int DEFAULT_SUCCESS_THRESHOLD = 1;
  public static final int DEFAULT_FAILURE_THRESHOLD = 3;

  public static ProbeParameters of(Probe probe, ProbeTiming timing) {
    return new ProbeParameters(
        timing.seconds(orDefault(probe.initialDelaySeconds(), 0)),
        timing.seconds(orDefault(probe.periodSeconds(), DEFAULT_PERIOD_SECONDS)),
        timing.seconds(orDefault(probe.timeoutSeconds(), DEFAULT_TIMEOUT_SECONDS)),
        orDefault(probe.successThreshold(), DEFAULT_SUCCESS_THRESHOLD),
        orDefault(probe.failureThreshold(), DEFAULT_FAILURE_THRESHOLD));
  }

  /** The timeout of one probe: timeoutSeconds, 1 when unset. */
  public static Duration timeout(Probe probe, ProbeTiming timing) {
    return timing.seconds(orDefault(probe.timeoutSeconds(), DEFAULT_TIMEOUT_SECONDS));
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null || value <= 0 ? fallback : value;
  }
}
