package dev.orca.model;

/** Exactly one of running, waiting or terminated. */
public record ContainerState(
    ContainerStateWaiting waiting,
    ContainerStateRunning running,
    ContainerStateTerminated terminated) {}
