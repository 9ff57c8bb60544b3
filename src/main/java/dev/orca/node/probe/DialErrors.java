package dev.orca.node.probe;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

/** Kubernetes' wording (Go's net errors) for a connection that could not be made. */
final class DialErrors {

  private DialErrors() {}

  /** {@code host:port}, with an IPv6 address in brackets. */
  static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * The message for a failed dial, e.g. {@code dial tcp 127.0.0.1:8080: connect: connection refused};
   * null when {@code error} is not a connection failure.
   */
  static String dial(String host, int port, Throwable error) {
    String address = hostPort(host, port);
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException || t instanceof SocketTimeoutException) {
        return "dial tcp " + address + ": i/o timeout";
      }
      if (t instanceof UnknownHostException) {
        return "dial tcp: lookup " + host + ": no such host";
      }
      if (t instanceof NoRouteToHostException) {
        return "dial tcp " + address + ": connect: no route to host";
      }
      if (t instanceof ConnectException) {
        return "dial tcp " + address + ": connect: " + reason(error);
      }
    }
    return null;
  }

  /** The OS's reason, lower case as Go prints it; "connection refused" when none is given. */
  private static String reason(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank()) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        int paren = lower.indexOf(" (");
        return paren > 0 ? lower.substring(0, paren) : lower;
      }
    }
    return "connection refused";
  }
}
