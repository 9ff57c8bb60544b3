package dev.orca.model;

/**
 * A container's lifecycle hooks. {@code preStop} runs before the container is sent SIGTERM, within
 * the pod's termination grace period. {@code postStart} is accepted and validated but not run yet.
 */
public record Lifecycle(
    LifecycleHandler postStart,
    LifecycleHandler preStop) {}
