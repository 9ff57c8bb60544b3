package dev.orca.model;

/** A container that is not running yet, with the reason. */
public record ContainerStateWaiting(
    String reason,
    String message) {}
