package dev.orca.model;

/** Lets a pod be scheduled onto (or stay on) a node with a matching taint. */
public record Toleration(
    String key,
    String operator,
    String value,
    String effect,
    Long tolerationSeconds) {}
