package dev.orca.model;

/** A reference from a dependent to the object that owns it. */
public record OwnerReference(
    String apiVersion,
    String kind,
    String name,
    String uid,
    Boolean controller,
    Boolean blockOwnerDeletion) {}
