package dev.orca.model;

/** A port of the endpoints, named as the Service port it serves. */
public record EndpointPort(String name, Integer port, String protocol, String appProtocol) {}
