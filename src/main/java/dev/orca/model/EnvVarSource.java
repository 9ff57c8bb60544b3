package dev.orca.model;

/** Where an environment variable's value comes from. Only fieldRef for now. */
public record EnvVarSource(ObjectFieldSelector fieldRef) {}
