package dev.orca.model;

import java.util.List;

/** The finalizers of a namespace. */
public record NamespaceSpec(
    List<String> finalizers) {}
