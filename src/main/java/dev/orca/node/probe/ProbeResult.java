package dev.orca.node.probe;

/**
 * What one probe observed. A failure carries Kubernetes' message for it (the text after
 * {@code Liveness probe failed: }); an unknown result is a probe that could not be run at all (a
 * named port the container does not declare), which the worker throws away as kubelet does.
 */
public sealed interface ProbeResult {

  /** The kind of a result, as the thresholds count it. */
  enum Status { SUCCESS, FAILURE, UNKNOWN }

  Status status();

  /** Output of a success (often empty), reason of a failure, error of an unknown result. */
  String message();

  record Success(String message) implements ProbeResult {
    public Success {
      message = message == null ? "" : message;
    }

    @Override
    public Status status() {
      return Status.SUCCESS;
    }
  }

  record Failure(String message) implements ProbeResult {
    public Failure {
      message = message == null ? "" : message;
    }

    @Override
    public Status status() {
      return Status.FAILURE;
    }
  }

  record Unknown(String message) implements ProbeResult {
    public Unknown {
      message = message == null ? "" : message;
    }

    @Override
    public Status status() {
      return Status.UNKNOWN;
    }
  }

  static ProbeResult success() {
    return new Success("");
  }

  static ProbeResult success(String output) {
    return new Success(output);
  }

  static ProbeResult failure(String message) {
    return new Failure(message);
  }

  static ProbeResult unknown(String message) {
    return new Unknown(message);
  }
}
