package dev.orca.chaos;

import dev.orca.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /chaos/v1/faults} on a member's API: the body {@link FaultRequests} reads. */
public final class FaultClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private FaultClient() {}

  /** Injects {@code kind} on {@code target} (its text form) for {@code duration} (null: instant); the answer. */
  public static HttpResponse<String> post(HttpClient http, String apiUrl, String kind, String target, String duration)
      throws IOException, InterruptedException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("kind", kind);
    body.put("target", target);
    if (duration != null) {
      body.put("for", duration);
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/chaos/v1/faults")).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public static HttpResponse<String> post(HttpClient http, String apiUrl, Fault fault) throws IOException, InterruptedException {
    return post(http, apiUrl, fault.kind().wireName(), fault.target().text(),
        fault.duration().isZero() ? null : Durations.format(fault.duration()));
  }

  public static boolean accepted(HttpResponse<String> r) {
    return r.statusCode() == 200 || r.statusCode() == 201;
  }
}
