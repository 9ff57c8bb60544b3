package dev.orca.model;

/** One key of a Secret in the pod's namespace, for an environment variable's valueFrom. */
public record SecretKeySelector(String name, String key, Boolean optional) {}
