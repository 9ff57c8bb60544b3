package dev.orca.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One member of a local cluster as {@code orca cluster up} lays it out: its name, roles, ports and
 * simulated nodes. Written to and read from {@code DATA_DIR/members/NAME.conf}, the file
 * {@code orca up --member NAME} starts from.
 */
public record MemberSpec(String name, List<String> roles, int apiPort, int remotingPort, int managementPort,
    int simulatedNodes) {

  public static final String HOST = "127.0.0.1";

  public MemberSpec {
    roles = List.copyOf(roles);
  }

  public static String nameOf(int index) {
    return "orca-" + index;
  }

  /** The member's Pekko address, as seed nodes and the cluster's membership name it. */
  public String address() {
    return "pekko://orca@" + HOST + ":" + remotingPort;
  }

  public String apiUrl() {
    return roles.contains("api") ? "http://" + HOST + ":" + apiPort : "";
  }

  public String managementUrl() {
    return "http://" + HOST + ":" + managementPort;
  }

  /**
   * The member file: this member's values, the cluster's seed nodes, and {@code settings} (paths
   * to values, e.g. the shared journal) that every member gets.
   */
  public String toConf(List<String> seedNodes, Map<String, Object> settings) {
    Map<String, Object> values = new TreeMap<>(settings);
    values.put("orca.cluster.member", name);
    values.put("orca.cluster.management.enabled", true);
    values.put("orca.cluster.management.port", managementPort);
    values.put("orca.api.port", apiPort);
    values.put("orca.simulated-nodes", simulatedNodes);
    values.put("orca.simulated-node.name-prefix", name + "-sim-");
    values.put("orca.process-node.enabled", false);
    values.put("pekko.remote.artery.canonical.port", remotingPort);
    values.put("pekko.cluster.roles", roles);
    values.put("pekko.cluster.seed-nodes", seedNodes);
    values.put("pekko.coordinated-shutdown.exit-jvm", true);
    return "# cluster member " + name + ", written by `orca cluster up`; `orca up --member " + name
        + "` starts from it (--set overrides)\n"
        + values.entrySet().stream()
            .map(e -> e.getKey() + " = " + ConfigValueFactory.fromAnyRef(e.getValue()).render(
                com.typesafe.config.ConfigRenderOptions.concise()))
            .collect(Collectors.joining("\n", "", "\n"));
  }

  /** Reads a member file written by {@link #toConf}. */
  public static MemberSpec fromConf(String text) {
    Config c = ConfigFactory.parseString(text);
    return new MemberSpec(c.getString("orca.cluster.member"), c.getStringList("pekko.cluster.roles"),
        c.getInt("orca.api.port"), c.getInt("pekko.remote.artery.canonical.port"),
        c.getInt("orca.cluster.management.port"), c.getInt("orca.simulated-nodes"));
  }

  /** The number in orca-N, for ordering; names of another shape sort last. */
  public int index() {
    try {
      return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE;
    }
  }
}
