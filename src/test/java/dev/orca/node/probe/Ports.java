package dev.orca.node.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 for tests. */
final class Ports {

  private Ports() {}

  /** A port nothing listens on: one the OS just handed out and that was closed again. */
  static int closed() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
