package dev.orca.model;

import java.util.List;

/** The observed pods of a ReplicaSet. */
public record ReplicaSetStatus(
    Integer replicas,
    Integer fullyLabeledReplicas,
    Integer readyReplicas,
    Integer availableReplicas,
    Long observedGeneration,
    List<ReplicaSetCondition> conditions) {}
