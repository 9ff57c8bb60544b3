package dev.orca.model;

/** Node affinity; only the required part is enforced. */
public record NodeAffinity(
    NodeSelector requiredDuringSchedulingIgnoredDuringExecution) {}
