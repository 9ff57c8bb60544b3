package dev.orca.model;

/** A reference to another object, as Events use it. */
public record ObjectReference(
    String apiVersion,
    String kind,
    String namespace,
    String name,
    String uid,
    String resourceVersion,
    String fieldPath) {}
