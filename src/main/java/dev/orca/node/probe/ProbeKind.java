package dev.orca.node.probe;

/** Which of a container's probes: each has its own worker, initial result and consequence of failing. */
public enum ProbeKind {
  LIVENESS("Liveness"),
  READINESS("Readiness"),
  STARTUP("Startup");

  private final String label;

  ProbeKind(String label) {
    this.label = label;
  }

  /** As Kubernetes writes it at the start of a message: {@code Liveness probe failed: ...}. */
  public String label() {
    return label;
  }
}
