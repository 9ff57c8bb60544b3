package dev.orca.model;

/** A Secret whose every key becomes an environment variable (envFrom). */
public record SecretEnvSource(String name, Boolean optional) {}
