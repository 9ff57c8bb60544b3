package dev.orca.node.network;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Locale;

/**
 * How the process node gives pods their addresses, from {@code orca.network} (conf/network.conf).
 *
 * @param mode {@code auto}, {@code namespaces} or {@code loopback}
 * @param podCidr the private range pods get their addresses from in namespace mode (the bridge takes its first address)
 * @param serviceCidr the range Service ClusterIPs come from, as configured ({@code orca.network.service-cidr})
 * @param namespaceServiceCidr the range ClusterIPs come from in namespace mode when {@code serviceCidr} lies in 127/8,
 *     which a pod's own network namespace cannot reach
 * @param bridge the name of the host's bridge that the pods' veths join
 * @param commandTimeout how long one {@code ip} command may take before the sandbox fails
 */
public record NetworkSettings(Mode mode, Cidr podCidr, Cidr serviceCidr, Cidr namespaceServiceCidr, String bridge,
    Duration commandTimeout) {

  public enum Mode {
    AUTO, NAMESPACES, LOOPBACK;

    static Mode parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("orca.network.mode must be auto, namespaces or loopback, not \"" + value + "\"");
      }
    }
  }

  public NetworkSettings {
    if (bridge.isEmpty() || bridge.length() > 15) {
      throw new IllegalArgumentException("a bridge name has 1 to 15 characters: \"" + bridge + "\"");
    }
    if (podCidr.prefix() > 30) {
      throw new IllegalArgumentException("orca.network.pod-cidr " + podCidr + " has no room for pods");
    }
  }

  public static NetworkSettings from(Config config) {
    Config c = config.getConfig("orca.network");
    return new NetworkSettings(Mode.parse(c.getString("mode")), Cidr.parse(c.getString("pod-cidr")),
        Cidr.parse(c.getString("service-cidr")), Cidr.parse(c.getString("namespaces.service-cidr")),
        c.getString("namespaces.bridge"), c.getDuration("namespaces.command-timeout"));
  }

  /** The defaults of conf/network.conf with another mode. */
  public NetworkSettings withMode(Mode other) {
    return new NetworkSettings(other, podCidr, serviceCidr, namespaceServiceCidr, bridge, commandTimeout);
  }
}
