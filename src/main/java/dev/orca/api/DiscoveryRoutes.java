package dev.orca.api;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.reject;

import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.Host;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Plain discovery: {@code GET /version}, {@code /api}, {@code /api/v1}, {@code /apis},
 * {@code /apis/GROUP}, {@code /apis/GROUP/VERSION}. Always plain JSON ({@code application/json}), even
 * when the Accept header asks for aggregated discovery first: kubectl then falls back to one request
 * per group version. Matches only these exact paths, so the resource routes can sit beside it.
 */
public final class DiscoveryRoutes {
  private final Discovery.VersionInfo version;
  private final String serverAddress;

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
  }

  public Route route() {
    return concat(
        path("version", () -> get(() -> json(version))),
        pathPrefix("api", () -> concat(
            pathEndOrSingleSlash(() -> get(() ->
                extractRequest(request -> json(Discovery.apiVersions(serverAddress(request)))))),
            path(PathMatchers.segment(), v -> found(Discovery.resources("", v))))),
        pathPrefix("apis", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> json(Discovery.groups()))),
            path(PathMatchers.segment(), g -> found(Discovery.group(g))),
            path(PathMatchers.segment().slash(PathMatchers.segment()),
                (g, v) -> found(Discovery.resources(g, v))))));
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
