package dev.orca.model;

import java.util.List;
import java.util.Map;

/** The observed state of a node. */
public record NodeStatus(
    Map<String, String> capacity,
    Map<String, String> allocatable,
    List<NodeCondition> conditions,
    List<NodeAddress> addresses,
    NodeSystemInfo nodeInfo) {}
