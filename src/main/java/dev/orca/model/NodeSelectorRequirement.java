package dev.orca.model;

import java.util.List;

/** One expression of a node selector term: In, NotIn, Exists, DoesNotExist, Gt, Lt. */
public record NodeSelectorRequirement(
    String key,
    String operator,
    List<String> values) {}
