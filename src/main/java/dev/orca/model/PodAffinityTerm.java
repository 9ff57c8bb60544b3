package dev.orca.model;

import java.util.List;

/** Pods matched by a selector within a topology domain. */
public record PodAffinityTerm(
    LabelSelector labelSelector,
    List<String> namespaces,
    String topologyKey) {}
