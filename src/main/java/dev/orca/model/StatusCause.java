package dev.orca.model;

/** One cause of an API error, naming the field. */
public record StatusCause(
    String reason,
    String message,
    String field) {}
