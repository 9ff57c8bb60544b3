package dev.orca.model;

/** Active or Terminating. */
public record NamespaceStatus(
    String phase) {}
