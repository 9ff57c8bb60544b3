package dev.orca.model;

import java.util.Map;

/** What is observed of a Service; Orca has no external load balancers, so the balancer status stays empty. */
public record ServiceStatus(Map<String, Object> loadBalancer) {}
