package dev.orca.api;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.conditional;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.redirect;
import static org.apache.pekko.http.javadsl.server.Directives.reject;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /openapi/v3} (the index of the group-version documents) and
 * {@code GET /openapi/v3/api/v1}, {@code /openapi/v3/apis/GROUP/VERSION} (the documents), as
 * kube-apiserver serves them: a document asked for with its current {@code ?hash=} is immutable
 * and may be cached for a year; one asked for with another hash is redirected (301) to the current
 * one; each carries its hash as ETag. {@code /openapi/v2} is not served: kubectl only falls back to it
 * when v3 is missing.
 */
public final class OpenApiRoutes {
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final OpenApi openApi;

  /** The documents of this server ({@link OpenApi#shared()}). */
  public OpenApiRoutes() {
    this(OpenApi.shared());
  }

  public OpenApiRoutes(OpenApi openApi) {
    this.openApi = openApi;
  }

  public Route route() {
    return pathPrefix("openapi", () -> pathPrefix("v3", () -> get(() -> concat(
        pathEndOrSingleSlash(() -> complete(HttpResponse.create()
            .withHeaders(List.of(RawHeader.create("Cache-Control", "no-cache, private")))
            .withEntity(ContentTypes.APPLICATION_JSON, openApi.index()))),
        path(PathMatchers.segment("api").slash(PathMatchers.segment()), version -> document("api/" + version)),
        path(PathMatchers.segment("apis").slash(PathMatchers.segment()).slash(PathMatchers.segment()),
            (group, version) -> document("apis/" + group + "/" + version))))));
  }

  private Route document(String path) {
    Optional<OpenApi.Document> found = openApi.document(path);
    if (found.isEmpty()) {
      return reject();
    }
    OpenApi.Document document = found.get();
    return parameterOptional("hash", hash -> {
      if (hash.isPresent() && !hash.get().equals(document.hash())) {
        return redirect(Uri.create(document.serverRelativeURL()), StatusCodes.MOVED_PERMANENTLY);
      }
      List<HttpHeader> headers = hash.isPresent()
          ? List.of(RawHeader.create("Cache-Control", "public, immutable"),
              RawHeader.create("Expires", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).plusYears(1))))
          : List.of(RawHeader.create("Cache-Control", "no-cache, private"));
      return respondWithHeaders(headers, () -> conditional(EntityTag.create(document.hash(), false),
          () -> complete(HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, document.json()))));
    });
  }
}
