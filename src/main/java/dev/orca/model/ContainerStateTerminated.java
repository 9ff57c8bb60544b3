package dev.orca.model;

/** A container that has exited. */
public record ContainerStateTerminated(
    Integer exitCode,
    String reason,
    String message,
    String startedAt,
    String finishedAt) {}
