package dev.orca.model;

/** What a lifecycle hook does: run a command in the container, or send an HTTP GET to it. Exactly one. */
public record LifecycleHandler(
    ExecAction exec,
    HTTPGetAction httpGet) {}
