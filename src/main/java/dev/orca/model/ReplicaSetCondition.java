package dev.orca.model;

/** A condition of a ReplicaSet. */
public record ReplicaSetCondition(
    String type,
    String status,
    String reason,
    String message,
    String lastTransitionTime) {}
