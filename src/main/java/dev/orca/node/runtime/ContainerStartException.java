package dev.orca.node.runtime;

/**
 * A container could not be started. {@link #reason()} is the kube-style waiting reason the
 * container's status should carry ({@code CreateContainerConfigError}, {@code RunContainerError}, {@code CreatePodSandboxError});
 * the message says what is wrong in words a user can act on.
 */
public final class ContainerStartException extends RuntimeException {
  /** The container's spec cannot be run by this runtime (e.g. an image without a command). */
  public static final String CREATE_CONTAINER_CONFIG_ERROR = "CreateContainerConfigError";
  /** The runtime tried to start the process and the OS refused (e.g. no such executable). */
  public static final String RUN_CONTAINER_ERROR = "RunContainerError";
  /** The pod's sandbox (its network namespace) could not be made. */
  public static final String CREATE_POD_SANDBOX_ERROR = "CreatePodSandboxError";

  private final String reason;

  public ContainerStartException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ContainerStartException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
