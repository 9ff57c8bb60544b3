package dev.orca.model;

/** A port a container listens on. */
public record ContainerPort(
    String name,
    Integer containerPort,
    String protocol,
    Integer hostPort) {}
