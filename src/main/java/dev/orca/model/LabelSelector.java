package dev.orca.model;

import java.util.List;
import java.util.Map;

/** A structured label selector, as in a ReplicaSet's spec.selector. */
public record LabelSelector(
    Map<String, String> matchLabels,
    List<LabelSelectorRequirement> matchExpressions) {}
