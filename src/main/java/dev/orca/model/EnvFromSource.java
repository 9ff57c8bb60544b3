package dev.orca.model;

/** A set of environment variables from one ConfigMap or Secret, each name prefixed with {@code prefix}. */
public record EnvFromSource(String prefix, ConfigMapEnvSource configMapRef, SecretEnvSource secretRef) {}
