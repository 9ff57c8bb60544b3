package dev.orca.model;

/** A condition of a node: Ready and the pressures. */
public record NodeCondition(
    String type,
    String status,
    String reason,
    String message,
    String lastHeartbeatTime,
    String lastTransitionTime) {}
