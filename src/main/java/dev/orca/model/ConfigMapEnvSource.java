package dev.orca.model;

/** A ConfigMap whose every key becomes an environment variable (envFrom). */
public record ConfigMapEnvSource(String name, Boolean optional) {}
