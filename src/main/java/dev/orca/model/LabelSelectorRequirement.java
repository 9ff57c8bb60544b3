package dev.orca.model;

import java.util.List;

/** One expression of a label selector: In, NotIn, Exists, DoesNotExist. */
public record LabelSelectorRequirement(
    String key,
    String operator,
    List<String> values) {}
