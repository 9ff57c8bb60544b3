package dev.orca.model;

/** Where an environment variable's value comes from: a field of the pod, or a key of a ConfigMap or a Secret. */
public record EnvVarSource(ObjectFieldSelector fieldRef, ConfigMapKeySelector configMapKeyRef,
    SecretKeySelector secretKeyRef) {

  public EnvVarSource(ObjectFieldSelector fieldRef) {
    this(fieldRef, null, null);
  }
}
