package dev.orca.model;

/** A liveness, readiness or startup probe. */
public record Probe(
    ExecAction exec,
    HTTPGetAction httpGet,
    TCPSocketAction tcpSocket,
    Integer initialDelaySeconds,
    Integer periodSeconds,
    Integer timeoutSeconds,
    Integer successThreshold,
    Integer failureThreshold) {}
