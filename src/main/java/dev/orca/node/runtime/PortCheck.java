package dev.orca.node.runtime;

import dev.orca.model.Container;
import dev.orca.model.ContainerPort;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Before a container starts: each TCP port it declares must be free on the pod's address, or the
 * start fails ({@code RunContainerError}, {@code port 8080/TCP on 127.0.1.5 is already in use})
 * instead of leaving the program to crash on it. A port taken on the wildcard address counts too.
 * Blocks briefly (a bind and close); called on the launcher thread.
 */
final class PortCheck {
  private PortCheck() {}

  static void requireFree(Container container, String podIp) {
    if (container.ports() == null || podIp == null || podIp.isEmpty()) {
      return;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(podIp);
    } catch (IOException e) {
      return;
    }
    for (ContainerPort port : container.ports()) {
      String protocol = port.protocol() == null ? "TCP" : port.protocol();
      if (!"TCP".equals(protocol) || port.containerPort() == null) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port.containerPort()), 1);
      } catch (BindException e) {
        if (e.getMessage() == null || !e.getMessage().contains("in use")) {
          continue; // not an address of this host (the pod has its own network namespace): nothing to check here
        }
        throw new ContainerStartException(ContainerStartException.RUN_CONTAINER_ERROR,
            "port " + port.containerPort() + "/TCP on " + podIp + " is already in use");
      } catch (IOException e) {
        // not ours to judge (an address this machine lacks, say): the program finds out itself
      }
    }
  }
}
