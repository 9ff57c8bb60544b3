package dev.orca.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports free on 127.0.0.1 now, for a cluster or database that must not clash with one already running. */
public final class FreePorts {
  private FreePorts() {}

  /** One free port, as the OS hands it out. */
  public static int one() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The first of {@code n} consecutive free ports (a cluster's members number theirs from a base). */
  public static int range(int n) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = 20000 + ThreadLocalRandom.current().nextInt(30000);
      boolean free = true;
      for (int p = base; p < base + n && free; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
          free = true;
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no " + n + " free consecutive ports on 127.0.0.1");
  }
}
