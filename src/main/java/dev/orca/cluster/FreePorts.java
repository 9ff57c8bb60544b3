package dev.orca.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free on 127.0.0.1 now, for a cluster or database that must not clash with one already
 * running. They are drawn from outside the kernel's ephemeral range (ip_local_port_range): a port
 * found free there can be taken by any outgoing connection before the member binds it — a chaos
 * run lost a member at start-up that way ("Address already in use" on its management port).
 */
public final class FreePorts {
  private static final int LOWEST = 10000;

  private FreePorts() {}

  /** One free port. */
  public static int one() {
    return range(1);
  }

  /** The first of {@code n} consecutive free ports (a cluster's members number theirs from a base). */
  public static int range(int n) {
    int[] ephemeral = ephemeralRange();
    int below = Math.max(0, ephemeral[0] - LOWEST - n);
    int above = Math.max(0, 65535 - ephemeral[1] - n);
    for (int attempt = 0; attempt < 200; attempt++) {
      int pick = ThreadLocalRandom.current().nextInt(Math.max(1, below + above));
      int base = pick < below ? LOWEST + pick : ephemeral[1] + 1 + (pick - below);
      if (allFree(base, n)) {
        return base;
      }
    }
    throw new IllegalStateException("no " + n + " free consecutive ports on 127.0.0.1 outside the ephemeral range");
  }

  private static boolean allFree(int base, int n) {
    for (int p = base; p < base + n; p++) {
      try {
        new ServerSocket(p, 1, InetAddress.getLoopbackAddress()).close();
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** The kernel's ephemeral port range; Linux's default when it cannot be read. */
  static int[] ephemeralRange() {
    try {
      String[] f = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
      return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
    } catch (IOException | RuntimeException e) {
      return new int[] {32768, 60999};
    }
  }
}
