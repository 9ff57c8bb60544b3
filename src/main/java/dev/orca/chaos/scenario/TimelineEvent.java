package dev.orca.chaos.scenario;

import dev.orca.chaos.Durations;
import dev.orca.chaos.FaultKind;
import java.time.Duration;

/**
 * One fault of a run's timeline: the {@code seq}-th, injected {@code at} after the fault phase
 * starts, lasting {@code duration} (zero: instant). A target the timeline cannot name yet (a
 * random node, 10 % of the pods, the coordinator) is chosen when it is injected, from what the
 * cluster shows then and {@code seed}: the same listing gives the same choice. {@code origin} says
 * where it came from: {@code faults[2]} or {@code random}.
 */
public record TimelineEvent(int seq, Duration at, FaultKind kind, TargetSelector target, Duration duration, long seed,
    String origin) {
  public Duration end() {
    return at.plus(duration);
  }

  /** "  30s  kill-jvm orca-2 for 15s  (faults[0])". */
  public String describe() {
    return String.format("%6s  %s %s%s  (%s)", Durations.format(at), kind, target.text(),
        duration.isZero() ? "" : " for " + Durations.format(duration), origin);
  }
}
