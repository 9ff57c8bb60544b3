package dev.orca.chaos.scenario;

import dev.orca.chaos.FaultKind;
import java.time.Duration;

/**
 * One entry of a scenario's explicit fault list: at {@code at} (from the start of the fault
 * phase), inject {@code kind} on {@code target} for {@code duration}; with {@code every}, again
 * every so often until {@code until} (exclusive).
 */
public record ScheduledFault(Duration at, FaultKind kind, TargetSelector target, Duration duration, Duration every,
    Duration until) {}
