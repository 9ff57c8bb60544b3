package dev.orca.model;

/** A probe that opens a TCP connection. */
public record TCPSocketAction(
    IntOrString port,
    String host) {}
