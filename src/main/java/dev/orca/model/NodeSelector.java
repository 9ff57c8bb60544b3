package dev.orca.model;

import java.util.List;

/** Node selector terms, any of which may match. */
public record NodeSelector(
    List<NodeSelectorTerm> nodeSelectorTerms) {}
