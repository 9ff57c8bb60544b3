package dev.orca.api;

import dev.orca.model.Status;
import java.util.Objects;

/**
 * A failure the API reports to its client as a {@code Status}. Thrown by routes (or used to fail a
 * future) and turned into a response by {@link ErrorHandling}; build one with {@link ApiErrors}.
 */
public final class ApiException extends RuntimeException {
  private final transient Status status;

  public ApiException(Status status) {
    this(status, null);
  }

  public ApiException(Status status, Throwable cause) {
    // An expected outcome, not a bug: no stack trace to fill.
    super(Objects.requireNonNull(status, "status").message(), cause, false, false);
    this.status = status;
  }

  public Status status() {
    return status;
  }

  /** The HTTP status code, e.g. 404. */
  public int code() {
    return status.code() == null ? 500 : status.code();
  }

  /** The machine-readable reason, e.g. {@code NotFound}. */
  public String reason() {
    return status.reason();
  }
}
