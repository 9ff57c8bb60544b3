package dev.orca.net;

/** An address the proxy listens on: a Service's cluster IP and port, or 127.0.0.1 and a node port. */
public record Frontend(String host, int port) {
  @Override
  public String toString() {
    return host + ":" + port;
  }
}
