package dev.orca.api;

import dev.orca.model.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The Status for a failed asynchronous operation, as {@link ErrorHandling} words it: never a stack trace. */
final class Failures {
  private Failures() {}

  static Status toStatus(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return ErrorHandling.toApiException(cause).status();
  }
}
