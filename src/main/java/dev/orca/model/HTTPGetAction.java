package dev.orca.model;

/** A probe that sends an HTTP GET. */
public record HTTPGetAction(
    String path,
    IntOrString port,
    String host,
    String scheme) {}
