package dev.orca.api;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.http.javadsl.server.Route;

/** The requests a test server received, as {@code METHOD /path?query}, in order. */
final class RequestLog {
  private final Queue<String> lines = new ConcurrentLinkedQueue<>();

  Route around(Route inner) {
    return extractRequest(request -> {
      lines.add(request.method().name() + " " + request.getUri().path()
          + request.getUri().rawQueryString().map(q -> "?" + q).orElse(""));
      return inner;
    });
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  /** The paths alone, without query. */
  List<String> paths() {
    return lines.stream().map(l -> l.replaceFirst("\\?.*$", "")).toList();
  }

  void clear() {
    lines.clear();
  }
}
