package dev.orca.node.probe;

import dev.orca.model.HTTPGetAction;
import dev.orca.model.Probe;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * An httpGet probe, as kubelet runs it: a GET to {@code scheme://host:port/path} (host defaults to
 * the pod IP), success for a status in [200, 400), a failure {@code HTTP probe failed with
 * statuscode: 500} otherwise, and Go's wording for a connection that fails or times out. Redirects
 * are not followed: a 3xx counts as success. HTTPS does not verify the certificate, as kubelet
 * does not. Non-blocking: the JDK client's asynchronous API with the probe's timeout.
 */
public final class HttpGetProber implements Prober {

  static final String USER_AGENT = "kube-probe/orca";

  private final ProbeTiming timing;
  private final HttpClient client;

  public HttpGetProber(ProbeTiming timing, Executor executor) {
    this.timing = timing;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(insecureContext())
        .executor(executor)
        .build();
  }

  @Override
  public CompletionStage<ProbeResult> probe(Probe probe, ProbeTarget target) {
    HTTPGetAction action = probe.httpGet();
    Duration timeout = ProbeParameters.timeout(probe, timing);
    URI uri;
    try {
      uri = uri(action, target);
    } catch (IllegalArgumentException | URISyntaxException e) {
      return CompletableFuture.completedFuture(ProbeResult.unknown(e.getMessage()));
    }
    String url = uri.toString();
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(uri)
          .GET()
          .timeout(timeout)
          .header("User-Agent", USER_AGENT)
          .header("Accept", "*/*")
          .build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(ProbeResult.unknown(e.getMessage()));
    }
    CompletableFuture<HttpResponse<Void>> exchange;
    try {
      exchange = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(ProbeResult.failure("Get \"" + url + "\": " + e.getMessage()));
    }
    // the request timeout covers the wait for the headers; this one also bounds reading the body,
    // and on expiry cancels the exchange, which closes its connection
    CompletableFuture<HttpResponse<Void>> bounded = new CompletableFuture<>();
    exchange.whenComplete((response, error) -> {
      if (error != null) {
        bounded.completeExceptionally(error);
      } else {
        bounded.complete(response);
      }
    });
    return bounded
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .handle((response, error) -> {
          if (error != null) {
            exchange.cancel(true);
            return ProbeResult.failure("Get \"" + url + "\": " + describe(uri, error));
          }
          int status = response.statusCode();
          if (status >= 200 && status < 400) {
            return status >= 300
                ? ProbeResult.success("Probe terminated redirects, Response status: " + status)
                : ProbeResult.success();
          }
          return ProbeResult.failure("HTTP probe failed with statuscode: " + status);
        });
  }

  static URI uri(HTTPGetAction action, ProbeTarget target) throws URISyntaxException {
    String scheme = action.scheme() == null || action.scheme().isEmpty()
        ? "http" : action.scheme().toLowerCase(Locale.ROOT);
    String host = target.hostOr(action.host());
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("no host to probe: the pod has no IP yet");
    }
    int port = target.resolvePort(action.port());
    String path = action.path() == null || action.path().isEmpty() ? "/" : action.path();
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    String query = null;
    int mark = path.indexOf('?');
    if (mark >= 0) {
      query = path.substring(mark + 1);
      path = path.substring(0, mark);
    }
    return new URI(scheme, null, host, port, path, query, null);
  }

  private static String describe(URI uri, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String dial = DialErrors.dial(uri.getHost().replace("[", "").replace("]", ""), uri.getPort(), cause);
    if (dial != null) {
      return dial;
    }
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  /** TLS that accepts any certificate and host name: kubelet probes with InsecureSkipVerify. */
  private static SSLContext insecureContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingManager()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS context for HTTPS probes", e);
    }
  }

  /** Extended, so the JDK adds no host name check of its own. */
  private static final class TrustingManager extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
