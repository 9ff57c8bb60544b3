package dev.orca.api;

import dev.orca.model.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Status for a failed asynchronous operation: never a stack trace. */
final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  static Status toStatus(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ApiException api) {
      return api.status();
    }
    if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException
        || cause.getClass().getSimpleName().contains("Timeout")) {
      return ApiErrors.timeout("the write was not confirmed in time; it may still take effect").status();
    }
    log.error("request failed", cause);
    return ApiErrors.internal("an internal error occurred: " + cause.getClass().getSimpleName()).status();
  }
}
