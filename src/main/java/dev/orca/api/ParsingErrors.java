package dev.orca.api;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Answers requests too malformed to reach a route (URI too long, header too large, bad request line)
 * with a Status instead of plain text. Enabled by {@code pekko.http.server.parsing.error-handler =
 * "dev.orca.api.ParsingErrors"} (conf/api.conf).
 */
public final class ParsingErrors extends ParsingErrorHandler {
  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    String message = ErrorHandling.brief(info.format(settings.verboseErrorMessages()));
    log.warning("Illegal request, responding with status '{}': {}", status, message);
    return ApiErrors.toResponse(ApiErrors.generic(status.intValue(), message.isEmpty() ? status.defaultMessage() : message));
  }
}
