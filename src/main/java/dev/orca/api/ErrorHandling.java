package dev.orca.api;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeoutResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.InvalidRequiredValueForQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MalformedHeaderRejection;
import org.apache.pekko.http.javadsl.server.MalformedQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.MissingHeaderRejection;
import org.apache.pekko.http.javadsl.server.MissingQueryParamRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.RequestEntityExpectedRejection;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnacceptedResponseContentTypeRejection;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.apache.pekko.http.javadsl.server.ValidationRejection;
import org.apache.pekko.http.scaladsl.model.IllegalRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of a route into a {@code Status} response: an {@link ApiException} into its
 * Status, a rejection into the matching 4xx, an unexpected exception into a logged 500 whose body
 * names it briefly (never a stack trace). Wrap the whole API with {@link #handled(Route)}.
 */
public final class ErrorHandling {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);
  private static final int MAX_MESSAGE = 200;

  private static final ExceptionHandler EXCEPTIONS = ExceptionHandler.newBuilder()
      .matchAny(e -> complete(ApiErrors.toResponse(toApiException(e))))
      .build();

  private static final RejectionHandler REJECTIONS = RejectionHandler.newBuilder()
      .handleAll(MethodRejection.class, rejections -> {
        HttpMethod[] allowed = rejections.stream().map(MethodRejection::supported).distinct()
            .toArray(HttpMethod[]::new);
        return complete(ApiErrors.toResponse(ApiErrors.methodNotAllowed()).addHeader(Allow.create(allowed)));
      })
      .handle(UnsupportedRequestContentTypeRejection.class, r -> extractRequest(request -> fail(
          ApiErrors.unsupportedMediaType(request.entity().getContentType().mediaType().toString(),
              r.getSupported().stream().map(Object::toString).sorted().toList()))))
      .handle(MalformedQueryParamRejection.class, r -> fail(ApiErrors.badRequest(
          "invalid value for query parameter \"" + r.parameterName() + "\": " + r.errorMsg())))
      .handle(MissingQueryParamRejection.class, r -> fail(ApiErrors.badRequest(
          "missing required query parameter \"" + r.parameterName() + "\"")))
      .handle(InvalidRequiredValueForQueryParamRejection.class, r -> fail(ApiErrors.badRequest(
          "query parameter \"" + r.parameterName() + "\" must be " + r.expectedValue() + ", not " + r.actualValue())))
      .handle(MalformedRequestContentRejection.class, r -> fail(Limits.isTooLarge(r.getCause())
          ? tooLarge(r.getCause())
          : ApiErrors.badRequest("the request body is malformed: " + brief(r.message()))))
      .handle(RequestEntityExpectedRejection.class, r -> fail(ApiErrors.badRequest("the request body is empty")))
      .handle(MalformedHeaderRejection.class, r -> fail(ApiErrors.badRequest(
          "invalid header " + r.headerName() + ": " + r.errorMsg())))
      .handle(MissingHeaderRejection.class, r -> fail(ApiErrors.badRequest(
          "missing required header " + r.headerName())))
      .handleAll(UnacceptedResponseContentTypeRejection.class, r -> fail(ApiErrors.notAcceptable()))
      .handle(ValidationRejection.class, r -> fail(ApiErrors.badRequest(r.message())))
      .handleNotFound(fail(ApiErrors.pathNotFound()))
      .build()
      // Anything else gets Pekko's answer, rewritten as a Status.
      .withFallback(RejectionHandler.defaultHandler())
      .mapRejectionResponse(ErrorHandling::asStatus);

  private ErrorHandling() {}

  /** {@code inner} with every failure, rejection and request timeout answered by a Status. */
  public static Route handled(Route inner) {
    return handleExceptions(EXCEPTIONS, () -> handleRejections(REJECTIONS, () ->
        withRequestTimeoutResponse(request -> ApiErrors.toResponse(ApiErrors.timeout()), () -> inner)));
  }

  public static ExceptionHandler exceptionHandler() {
    return EXCEPTIONS;
  }

  public static RejectionHandler rejectionHandler() {
    return REJECTIONS;
  }

  /**
   * The API error for any failure: itself for an ApiException, 413 for a body over a size limit,
   * 504 for a timeout (an ask that got no answer), 400 for a request Pekko found illegal, and a 500
   * for anything else, logged with its stack trace.
   */
  public static ApiException toApiException(Throwable failure) {
    Throwable t = Limits.unwrap(failure);
    if (t instanceof ApiException api) {
      return api;
    }
    if (Limits.isTooLarge(t)) {
      return tooLarge(t);
    }
    if (t instanceof TimeoutException) {
      // Pekko's AskTimeoutException is one.
      return ApiErrors.timeout();
    }
    if (t instanceof IllegalRequestException illegal) {
      return ApiErrors.generic(illegal.status().intValue(), brief(illegal.info().format(false)));
    }
    LOG.error("Request failed with an unexpected exception", t);
    return ApiErrors.internal(brief(describe(t)));
  }

  private static ApiException tooLarge(Throwable t) {
    return ApiErrors.requestTooLarge(Limits.limitOf(t).orElse(ApiErrors.DEFAULT_BODY_LIMIT));
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + message;
  }

  /** The first line, and at most 200 characters of it. */
  static String brief(String message) {
    if (message == null) {
      return "";
    }
    String line = message.strip();
    int nl = line.indexOf('\n');
    if (nl >= 0) {
      line = line.substring(0, nl).strip();
    }
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
  }

  private static Route fail(ApiException e) {
    return complete(ApiErrors.toResponse(e));
  }

  /** A response of Pekko's default handler (text/plain) as a Status with the same code and text. */
  private static HttpResponse asStatus(HttpResponse response) {
    if (response.entity().getContentType().equals(ContentTypes.APPLICATION_JSON)) {
      return response;
    }
    String text = response.entity() instanceof HttpEntity.Strict strict
        ? strict.getData().decodeString(StandardCharsets.UTF_8) : "";
    int code = response.status().intValue();
    if (text.isBlank()) {
      text = response.status().defaultMessage();
    }
    HttpResponse status = ApiErrors.toResponse(ApiErrors.generic(code, brief(text)));
    List<HttpHeader> headers = new ArrayList<>();
    response.getHeaders().forEach(headers::add);
    return status.addHeaders(headers);
  }
}
