package dev.orca.model;

/** RollingUpdate or Recreate. */
public record DeploymentStrategy(
    String type,
    RollingUpdateDeployment rollingUpdate) {}
