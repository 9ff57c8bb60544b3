package dev.orca.model;

/** A condition of a Deployment: Available, Progressing. */
public record DeploymentCondition(
    String type,
    String status,
    String reason,
    String message,
    String lastUpdateTime,
    String lastTransitionTime) {}
