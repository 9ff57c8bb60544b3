package dev.orca.model;

import java.util.List;

/** What a node should be. */
public record NodeSpec(
    Boolean unschedulable,
    List<Taint> taints,
    String podCIDR,
    String providerID) {}
