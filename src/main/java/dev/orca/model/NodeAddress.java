package dev.orca.model;

/** An address of a node. */
public record NodeAddress(
    String type,
    String address) {}
