package dev.orca.model;

/** One key of a ConfigMap in the pod's namespace, for an environment variable's valueFrom. */
public record ConfigMapKeySelector(String name, String key, Boolean optional) {}
