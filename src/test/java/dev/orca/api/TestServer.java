package dev.orca.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.orca.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/** A route bound to a free port of 127.0.0.1 with conf/api.conf, and an HTTP client for it. */
final class TestServer implements AutoCloseable {
  /** conf/api.conf over Pekko's reference config, quieter logs; no application.conf. */
  static Config config() {
    return ConfigFactory.load(ConfigFactory.parseString("""
            pekko.loglevel = WARNING
            pekko.stdout-loglevel = WARNING
            pekko.actor.provider = local
            """)
        .withFallback(ConfigFactory.parseResources("api.conf")));
  }

  final ActorSystem<Void> system;
  final ServerBinding binding;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  TestServer(java.util.function.Function<ApiSettings, Route> route) throws Exception {
    system = ActorSystem.create(Behaviors.empty(), "api-test", config());
    ApiSettings settings = ApiSettings.fromConfig(system.settings().config());
    binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(route.apply(settings))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  int port() {
    return binding.localAddress().getPort();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String contentType, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A response read off the socket: status code, Content-Type and body. */
  record RawResponse(int statusCode, String contentType, String body) {}

  /**
   * Sends a request over a plain socket while reading the response at the same time, the way Go's
   * (kubectl's) transport does: a server that answers before the body is all sent (413 on an
   * oversized body) and closes is heard, whatever happens to the rest of the upload. Java's
   * HttpClient reads only after writing and may see the closed connection instead of the answer.
   */
  RawResponse sendReadingEarly(String method, String path, String contentType, byte[] body, boolean chunked)
      throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port())) {
      socket.setSoTimeout(30_000);
      String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nContent-Type: " + contentType
          + "\r\n" + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length) + "\r\n\r\n";
      Thread writer = new Thread(() -> upload(socket, head, body, chunked), "test-upload");
      writer.setDaemon(true);
      writer.start();
      return readResponse(new java.io.BufferedInputStream(socket.getInputStream()));
    }
  }

  private static void upload(java.net.Socket socket, String head, byte[] body, boolean chunked) {
    try {
      java.io.OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      int chunk = 64 * 1024;
      for (int at = 0; at < body.length; at += chunk) {
        int n = Math.min(chunk, body.length - at);
        if (chunked) {
          out.write((Integer.toHexString(n) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write(body, at, n);
        if (chunked) {
          out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
      }
      if (chunked) {
        out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      out.flush();
    } catch (IOException closedByServer) {
      // The server answered and closed before the upload finished: the response is what counts.
    }
  }

  private static RawResponse readResponse(java.io.InputStream in) throws IOException {
    String statusLine = readLine(in);
    int code = Integer.parseInt(statusLine.split(" ")[1]);
    String type = "";
    int length = -1;
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (name.equals("content-type")) {
        type = value;
      } else if (name.equals("content-length")) {
        length = Integer.parseInt(value);
      }
    }
    byte[] bytes = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
    return new RawResponse(code, type, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String readLine(java.io.InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed after \"" + line + "\"");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.mapper().readTree(response.body());
  }

  static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  @Override
  public void close() throws Exception {
    binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
