package dev.orca.api;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.reject;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeader;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Accept;
import org.apache.pekko.http.javadsl.model.headers.Host;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Discovery: {@code GET /version}, {@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/GROUP},
 * {@code /apis/GROUP/VERSION}. {@code /api} and {@code /apis} answer in aggregated form
 * ({@code APIGroupDiscoveryList}, one request for all resources) when the Accept header ranks it
 * first, as kubectl's does, and plain ({@code APIVersions}, {@code APIGroupList}) otherwise; see
 * {@link DiscoveryFormat}. Matches only these exact paths, so the resource routes can sit beside it.
 */
public final class DiscoveryRoutes {
  private static final RawHeader VARY_ACCEPT = RawHeader.create("Vary", "Accept");

  private final Discovery.VersionInfo version;
  private final String serverAddress;
  /** The aggregated documents, rendered once: they only change with the code. */
  private final Map<DiscoveryFormat, HttpResponse> aggregatedCore = new EnumMap<>(DiscoveryFormat.class);
  private final Map<DiscoveryFormat, HttpResponse> aggregatedGroups = new EnumMap<>(DiscoveryFormat.class);

  /** Kubernetes 1.32; the server address in {@code /api} is the one the client used (its Host header). */
  public DiscoveryRoutes() {
    this(Discovery.version(), null);
  }

  /**
   * @param version what {@code /version} reports
   * @param serverAddress what {@code /api} gives as serverAddress, or null for the request's Host
   */
  public DiscoveryRoutes(Discovery.VersionInfo version, String serverAddress) {
    this.version = version;
    this.serverAddress = serverAddress;
    for (DiscoveryFormat format : DiscoveryFormat.values()) {
      if (format != DiscoveryFormat.PLAIN) {
        aggregatedCore.put(format, aggregated(format, Discovery.aggregated(true, format.apiVersion())));
        aggregatedGroups.put(format, aggregated(format, Discovery.aggregated(false, format.apiVersion())));
      }
    }
  }

  public Route route() {
    return concat(
        path("version", () -> get(() -> json(version))),
        pathPrefix("api", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> negotiated(aggregatedCore,
                request -> json(Discovery.apiVersions(serverAddress(request)))))),
            path(PathMatchers.segment(), v -> found(Discovery.resources("", v))))),
        pathPrefix("apis", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> negotiated(aggregatedGroups, request -> json(Discovery.groups())))),
            path(PathMatchers.segment(), g -> found(Discovery.group(g))),
            path(PathMatchers.segment().slash(PathMatchers.segment()),
                (g, v) -> found(Discovery.resources(g, v))))));
  }

  /** The aggregated document if the Accept header prefers it, else {@code plain}; either varies by Accept. */
  private static Route negotiated(Map<DiscoveryFormat, HttpResponse> aggregated, Function<HttpRequest, Route> plain) {
    return respondWithHeader(VARY_ACCEPT, () -> extractRequest(request -> {
      String accept = request.getHeader(Accept.class).map(Accept::value).orElse(null);
      DiscoveryFormat format = DiscoveryFormat.negotiate(accept);
      return format == DiscoveryFormat.PLAIN ? plain.apply(request) : complete(aggregated.get(format));
    }));
  }

  private static HttpResponse aggregated(DiscoveryFormat format, Discovery.APIGroupDiscoveryList document) {
    return HttpResponse.create().withStatus(200)
        .withEntity(format.contentType(), Bodies.write(document, Negotiation.Format.JSON));
  }

  private String serverAddress(HttpRequest request) {
    if (serverAddress != null) {
      return serverAddress;
    }
    return request.getHeader(Host.class)
        .map(h -> h.port() > 0 ? h.host().address() + ":" + h.port() : h.host().address())
        .filter(s -> !s.isEmpty())
        .orElse("127.0.0.1");
  }

  /** GET of a document that may not exist: an unknown group or version is no match at all (404). */
  private static Route found(Optional<?> document) {
    return document.<Route>map(d -> get(() -> json(d))).orElseGet(() -> reject());
  }

  private static Route json(Object document) {
    return complete(Bodies.renderJson(document, 200));
  }
}
