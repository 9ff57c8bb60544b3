package dev.orca.model;

/** A condition of a pod: PodScheduled, Initialized, ContainersReady, Ready. */
public record PodCondition(
    String type,
    String status,
    String reason,
    String message,
    String lastProbeTime,
    String lastTransitionTime) {}
