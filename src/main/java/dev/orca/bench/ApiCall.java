package dev.orca.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntPredicate;

/** A benchmark's set-up call to the API: JSON in, and an exception unless the status is the one expected. */
public final class ApiCall {
  private ApiCall() {}

  /** Sends {@code body} as JSON; IllegalStateException with the answer when {@code expected} rejects its status. */
  public static HttpResponse<String> expect(HttpClient http, String api, String method, String path, String body,
      IntPredicate expected) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (!expected.test(r.statusCode())) {
      throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
    }
    return r;
  }
}
