package dev.orca.model;

import java.util.List;

/** Addresses that share the same ports. */
public record EndpointSubset(List<EndpointAddress> addresses, List<EndpointAddress> notReadyAddresses,
    List<EndpointPort> ports) {}
