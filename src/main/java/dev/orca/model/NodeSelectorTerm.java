package dev.orca.model;

import java.util.List;

/** A node selector term: all of its expressions must match. */
public record NodeSelectorTerm(
    List<NodeSelectorRequirement> matchExpressions,
    List<NodeSelectorRequirement> matchFields) {}
