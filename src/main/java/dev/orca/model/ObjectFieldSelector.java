package dev.orca.model;

/** A field of the pod, for an environment variable's valueFrom (the Downward API). */
public record ObjectFieldSelector(String apiVersion, String fieldPath) {}
