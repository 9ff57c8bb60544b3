package dev.orca.model;

/** ready: serving and not terminating; serving: passing readiness; terminating: being deleted. */
public record EndpointConditions(Boolean ready, Boolean serving, Boolean terminating) {}
