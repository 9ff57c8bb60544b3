package dev.orca.model;

/** Scheduling constraints of a pod. */
public record Affinity(
    NodeAffinity nodeAffinity,
    PodAntiAffinity podAntiAffinity) {}
