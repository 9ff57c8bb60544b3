package dev.orca.model;

/** How far a rolling update may go over and under the desired count. */
public record RollingUpdateDeployment(
    IntOrString maxUnavailable,
    IntOrString maxSurge) {}
