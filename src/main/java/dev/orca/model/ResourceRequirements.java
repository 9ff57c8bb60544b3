package dev.orca.model;

import java.util.Map;

/** Requests and limits of a container, as Kubernetes quantities ("500m", "128Mi"). */
public record ResourceRequirements(
    Map<String, String> requests,
    Map<String, String> limits) {}
