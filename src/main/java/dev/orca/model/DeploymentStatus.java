package dev.orca.model;

import java.util.List;

/** The observed state of a Deployment. */
public record DeploymentStatus(
    Long observedGeneration,
    Integer replicas,
    Integer updatedReplicas,
    Integer readyReplicas,
    Integer availableReplicas,
    Integer unavailableReplicas,
    List<DeploymentCondition> conditions,
    Integer collisionCount) {}
