package dev.orca.model;

import java.util.List;

/** Pod anti-affinity; only the required part is enforced. */
public record PodAntiAffinity(
    List<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution) {}
