package dev.orca.model;

/** The observed state of one container. */
public record ContainerStatus(
    String name,
    ContainerState state,
    ContainerState lastState,
    Boolean ready,
    Integer restartCount,
    String image,
    String imageID,
    String containerID,
    Boolean started) {}
