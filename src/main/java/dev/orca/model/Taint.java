package dev.orca.model;

/** A taint keeps pods off a node unless they tolerate it. */
public record Taint(
    String key,
    String value,
    String effect,
    String timeAdded) {}
