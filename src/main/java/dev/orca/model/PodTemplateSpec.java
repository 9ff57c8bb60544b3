package dev.orca.model;

/** The pods a ReplicaSet or Deployment makes. */
public record PodTemplateSpec(
    ObjectMeta metadata,
    PodSpec spec) {}
