package dev.orca.model;

import java.util.List;

/** An endpoint of an EndpointSlice ({@code Endpoint} in Kubernetes' types). */
public record SliceEndpoint(List<String> addresses, EndpointConditions conditions, String hostname,
    ObjectReference targetRef, String nodeName, String zone) {}
