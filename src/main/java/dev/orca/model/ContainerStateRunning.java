package dev.orca.model;

/** A running container. */
public record ContainerStateRunning(
    String startedAt) {}
