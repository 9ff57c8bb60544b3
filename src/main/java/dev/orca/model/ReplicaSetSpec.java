package dev.orca.model;

/** How many pods of which template. */
public record ReplicaSetSpec(
    Integer replicas,
    Integer minReadySeconds,
    LabelSelector selector,
    PodTemplateSpec template) {}
