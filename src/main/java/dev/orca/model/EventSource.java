package dev.orca.model;

/** The component that reported an event. */
public record EventSource(
    String component,
    String host) {}
