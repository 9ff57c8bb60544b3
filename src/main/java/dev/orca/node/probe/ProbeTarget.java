package dev.orca.node.probe;

import dev.orca.model.Container;
import dev.orca.model.ContainerPort;
import dev.orca.model.IntOrString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a probe is aimed at: the pod's IP (an httpGet or tcpSocket without a host goes there), the
 * container's named ports (a probe's port may name one), and the environment and working directory
 * an exec probe runs with.
 *
 * @param host the pod IP
 * @param namedPorts the container's ports by name
 * @param env the container's environment, added to the agent's for an exec probe
 * @param workingDir where an exec probe runs; null for the agent's own directory
 * @param execPrefix what an exec probe's command is run through to enter the pod's sandbox (e.g.
 *     {@code nsenter --net=/run/netns/orca-… --}); empty when the pod shares the node's network
 */
public record ProbeTarget(String host, Map<String, Integer> namedPorts, Map<String, String> env, String workingDir,
    List<String> execPrefix) {

  public ProbeTarget {
    namedPorts = namedPorts == null ? Map.of() : Map.copyOf(namedPorts);
    env = env == null ? Map.of() : withoutNulls(env);
    execPrefix = execPrefix == null ? List.of() : List.copyOf(execPrefix);
  }

  /** A target whose exec probes run in the node's own namespaces. */
  public ProbeTarget(String host, Map<String, Integer> namedPorts, Map<String, String> env, String workingDir) {
    this(host, namedPorts, env, workingDir, List.of());
  }

  /** This target with exec probes run through {@code prefix} (inside the pod's sandbox). */
  public ProbeTarget inSandbox(List<String> prefix) {
    return new ProbeTarget(host, namedPorts, env, workingDir, prefix);
  }

  private static Map<String, String> withoutNulls(Map<String, String> env) {
    Map<String, String> copy = new LinkedHashMap<>();
    env.forEach((name, value) -> {
      if (name != null && value != null) {
        copy.put(name, value);
      }
    });
    return Map.copyOf(copy);
  }

  /** A target on {@code host} with no named ports and no environment. */
  public static ProbeTarget of(String host) {
    return new ProbeTarget(host, Map.of(), Map.of(), null);
  }

  /**
   * The target for one container of a pod whose IP is {@code podIp}. {@code env} is the container's
   * resolved environment (values from fieldRef, ConfigMaps, Secrets already filled in).
   */
  public static ProbeTarget of(String podIp, Container container, Map<String, String> env) {
    Map<String, Integer> named = new LinkedHashMap<>();
    if (container.ports() != null) {
      for (ContainerPort port : container.ports()) {
        if (port.name() != null && !port.name().isEmpty() && port.containerPort() != null) {
          named.putIfAbsent(port.name(), port.containerPort());
        }
      }
    }
    return new ProbeTarget(podIp, named, env, container.workingDir());
  }

  /** The probe's own host when it names one, else the pod IP. */
  public String hostOr(String probeHost) {
    return probeHost == null || probeHost.isEmpty() ? host : probeHost;
  }

  /**
   * The port number a probe means: a number as is, a name through the container's ports (or a
   * number written as a string), as kubelet resolves it.
   *
   * @throws IllegalArgumentException when the name is not one of the container's ports or the
   *     number is not a port
   */
  public int resolvePort(IntOrString port) {
    if (port == null) {
      throw new IllegalArgumentException("missing port");
    }
    int number;
    if (port.intValue() != null) {
      number = port.intValue();
    } else {
      String name = port.stringValue();
      Integer named = namedPorts.get(name);
      if (named != null) {
        number = named;
      } else {
        try {
          number = Integer.parseInt(name);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("port " + name + " not found");
        }
      }
    }
    if (number <= 0 || number >= 65536) {
      throw new IllegalArgumentException("invalid port number: " + number);
    }
    return number;
  }
}
