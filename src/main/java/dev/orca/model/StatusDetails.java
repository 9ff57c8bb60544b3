package dev.orca.model;

import java.util.List;

/** What an API error is about. */
public record StatusDetails(
    String name,
    String group,
    String kind,
    String uid,
    List<StatusCause> causes,
    Integer retryAfterSeconds) {}
