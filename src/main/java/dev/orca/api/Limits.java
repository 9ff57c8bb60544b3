package dev.orca.api;

import static org.apache.pekko.http.javadsl.server.Directives.extractMaterializer;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.onComplete;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamException;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;

/**
 * Reads request bodies whole, up to a limit; a larger body is a 413 RequestEntityTooLarge Status
 * ({@code Request entity too large: limit is 3145728}), not Pekko's plain-text error.
 *
 * <p>{@code pekko.http.server.parsing.max-content-length} must be at least the limit (conf/api.conf
 * sets it to {@code orca.api.request-body-limit}); this directive replaces it with its own limit.
 */
public final class Limits {
  private static final String TOO_LARGE = "Request too large";
  /** Bodies announced over the limit but at most this large are drained before the 413. */
  private static final long DRAIN_AT_MOST = 64L * 1024 * 1024;
  private static final Pattern MAXIMUM = Pattern.compile("maximum of (\\d+)");

  private final long maxBytes;
  private final Duration readTimeout;

  public Limits(long maxBytes, Duration readTimeout) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.readTimeout = readTimeout;
  }

  public static Limits of(ApiSettings settings) {
    return new Limits(settings.requestBodyLimit(), settings.requestReadTimeout());
  }

  public long maxBytes() {
    return maxBytes;
  }

  /**
   * The request body, read whole, to {@code inner}. A body over the limit completes with 413 (at
   * once when Content-Length announces it); another failure to read it fails the route.
   */
  public Route strictBody(Function<HttpEntity.Strict, Route> inner) {
    return extractRequestEntity(entity -> {
      OptionalLong length = entity.getContentLengthOption();
      if (length.isPresent() && length.getAsLong() > maxBytes) {
        if (length.getAsLong() > DRAIN_AT_MOST) {
          return tooLarge(); // announced by Content-Length and huge: answer, the connection closes
        }
        // read and drop the body first, so that the client, still sending, gets the 413 and not a reset
        return extractMaterializer(mat -> onComplete(entity.withoutSizeLimit().discardBytes(mat).completionStage(),
            done -> tooLarge()));
      }
      if (entity instanceof HttpEntity.Strict strict) {
        return inner.apply(strict);
      }
      return extractMaterializer(mat -> onComplete(
          entity.withSizeLimit(maxBytes).toStrict(readTimeout.toMillis(), maxBytes, mat),
          result -> {
            if (result.isSuccess()) {
              return inner.apply(result.get());
            }
            Throwable cause = unwrap(result.failed().get());
            if (isTooLarge(cause)) {
              return tooLarge();
            }
            return Directives.failWith(cause);
          }));
    });
  }

  /** The body bytes to {@code inner}. */
  public Route bytes(Function<byte[], Route> inner) {
    return strictBody(strict -> inner.apply(strict.getData().toArray()));
  }

  /** The body parsed by {@link Bodies#parse(org.apache.pekko.http.javadsl.model.ContentType, byte[])}. */
  public Route json(Function<JsonNode, Route> inner) {
    return strictBody(strict -> inner.apply(Bodies.parse(strict.getContentType(), strict.getData().toArray())));
  }

  private Route tooLarge() {
    return Directives.complete(ApiErrors.toResponse(ApiErrors.requestTooLarge(maxBytes)));
  }

  /**
   * Whether reading an entity failed for its size: Pekko's size limit ({@code withSizeLimit},
   * max-content-length) raises EntityStreamSizeException, {@code toStrict(timeout, maxBytes)} an
   * EntityStreamException "Request too large".
   */
  static boolean isTooLarge(Throwable t) {
    return t instanceof EntityStreamSizeException
        || t instanceof EntityStreamException e && TOO_LARGE.equals(e.info().summary());
  }

  /** The limit a too-large failure names, if it names one. */
  static OptionalLong limitOf(Throwable t) {
    if (t instanceof EntityStreamSizeException size) {
      return OptionalLong.of(size.limit());
    }
    if (t instanceof EntityStreamException e) {
      Matcher m = MAXIMUM.matcher(String.valueOf(e.info().detail()));
      if (m.find()) {
        return OptionalLong.of(Long.parseLong(m.group(1)));
      }
    }
    return OptionalLong.empty();
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
