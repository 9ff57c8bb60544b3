package dev.orca.model;

/** One endpoint: a pod's IP, its node, and a reference to the pod. */
public record EndpointAddress(String ip, String hostname, String nodeName, ObjectReference targetRef) {}
