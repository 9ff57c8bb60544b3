package dev.orca.model;

/** An environment variable of a container: a literal value, or a value from the pod's fields. */
public record EnvVar(String name, String value, EnvVarSource valueFrom) {

  public EnvVar(String name, String value) {
    this(name, value, null);
  }
}
