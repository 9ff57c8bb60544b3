package dev.orca.model;

import java.util.List;

/** The observed state of a pod. */
public record PodStatus(
    String phase,
    List<PodCondition> conditions,
    String message,
    String reason,
    String hostIP,
    String podIP,
    String startTime,
    List<ContainerStatus> containerStatuses) {}
