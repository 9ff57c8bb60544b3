package dev.orca.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  @Test
  void portsAreBindableAndOutsideTheEphemeralRange() throws Exception {
    int[] ephemeral = FreePorts.ephemeralRange();
    for (int i = 0; i < 50; i++) {
      int base = FreePorts.range(3);
      for (int p = base; p < base + 3; p++) {
        assertTrue(p < ephemeral[0] || p > ephemeral[1], p + " is in the ephemeral range " + ephemeral[0] + "-" + ephemeral[1]);
      }
      new ServerSocket(base, 1, InetAddress.getLoopbackAddress()).close();
    }
  }
}
