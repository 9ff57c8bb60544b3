package dev.orca.boot;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one Orca process is asked to be: where its journal lives, where its API listens, how many
 * simulated nodes it starts and which roles it plays. The rest of the configuration comes from
 * conf/*.conf; {@link #config()} lays these settings over it.
 */
public record OrcaSettings(Path dataDir, String host, int port, int simulatedNodes, List<String> roles,
    Map<String, Object> overrides) {

  public static OrcaSettings defaults() {
    Config c = ConfigFactory.load();
    return new OrcaSettings(Path.of(c.getString("orca.data-dir")), c.getString("orca.api.host"), c.getInt("orca.api.port"),
        c.getInt("orca.simulated-nodes"), List.copyOf(c.getStringList("pekko.cluster.roles")), Map.of());
  }

  /**
   * The settings of cluster member {@code name}: the defaults under its file
   * {@code dataDir/members/NAME.conf} (written by {@code orca cluster up}); flags given after it
   * on the command line still override.
   */
  public static OrcaSettings member(Path dataDir, String name) {
    Path file = dataDir.resolve("members").resolve(name + ".conf");
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no member file " + file + " (written by orca cluster up)");
    }
    Config member = ConfigFactory.parseFile(file.toFile()).resolve();
    Config c = member.withFallback(ConfigFactory.load());
    OrcaSettings settings = new OrcaSettings(dataDir.resolve("members").resolve(name), c.getString("orca.api.host"),
        c.getInt("orca.api.port"), c.getInt("orca.simulated-nodes"),
        List.copyOf(c.getStringList("pekko.cluster.roles")), Map.of());
    for (Map.Entry<String, com.typesafe.config.ConfigValue> e : member.entrySet()) {
      settings = settings.with(e.getKey(), e.getValue().unwrapped());
    }
    return settings.with("orca.cluster.member", name);
  }

  /**
   * This member joining a cluster that is already running (a restart): its own address moves to
   * the end of the seed nodes. Pekko lets only the first seed node join itself when no other seed
   * answers in time, so a restarted first member on a loaded machine could otherwise form a second
   * cluster beside the running one, both writing one journal; last in the list it only joins others.
   */
  public OrcaSettings rejoining() {
    Config c = config();
    String self = "pekko://orca@" + c.getString("pekko.remote.artery.canonical.hostname") + ":"
        + c.getInt("pekko.remote.artery.canonical.port");
    List<String> seeds = new java.util.ArrayList<>(c.getStringList("pekko.cluster.seed-nodes"));
    if (!seeds.remove(self)) {
      return this;
    }
    seeds.add(self);
    return with("pekko.cluster.seed-nodes", seeds);
  }

  public OrcaSettings withRoles(List<String> roles) {
    return new OrcaSettings(dataDir, host, port, simulatedNodes, List.copyOf(roles), overrides);
  }

  public OrcaSettings withPort(int port) {
    return new OrcaSettings(dataDir, host, port, simulatedNodes, roles, overrides);
  }

  public OrcaSettings withDataDir(Path dataDir) {
    return new OrcaSettings(dataDir, host, port, simulatedNodes, roles, overrides);
  }

  public OrcaSettings withWorkerNodes(int count) {
    return new OrcaSettings(dataDir, host, port, count, roles, overrides);
  }

  /**
   * A command line's {@code --set path=value}, split; IllegalArgumentException when it is not
   * of that form.
   */
  public static Map.Entry<String, String> setting(String pathEqualsValue) {
    int eq = pathEqualsValue.indexOf('=');
    if (eq < 1) {
      throw new IllegalArgumentException("--set wants path=value, not " + pathEqualsValue);
    }
    return Map.entry(pathEqualsValue.substring(0, eq), pathEqualsValue.substring(eq + 1));
  }

  /** This with a command line's {@code --set path=value} laid over it. */
  public OrcaSettings withSet(String pathEqualsValue) {
    Map.Entry<String, String> setting = setting(pathEqualsValue);
    return with(setting.getKey(), setting.getValue());
  }

  /** Any further configuration path to override, e.g. "orca.node.grace-period" → "2s". */
  public OrcaSettings with(String path, Object value) {
    Map<String, Object> more = new HashMap<>(overrides);
    more.put(path, value);
    return new OrcaSettings(dataDir, host, port, simulatedNodes, roles, more);
  }

  /** The H2 journal's url (used when orca.journal.kind = h2). */
  public String jdbcUrl() {
    return PersistenceConfig.h2Url(dataDir);
  }

  /** The whole configuration of this process. */
  public Config config() {
    Map<String, Object> values = new HashMap<>(overrides);
    values.put("orca.api.host", host);
    values.put("orca.api.port", port);
    values.put("orca.simulated-nodes", simulatedNodes);
    values.put("orca.data-dir", dataDir.toString());
    values.put("pekko.cluster.roles", roles);
    // resolved after the overrides, so ${...} in conf/*.conf (e.g. the management port) follow them
    Config config = ConfigFactory.load(ConfigFactory.parseMap(values)
        .withFallback(ConfigFactory.parseResourcesAnySyntax("application")));
    return ConfigFactory.parseMap(PersistenceConfig.database(config, dataDir)).withFallback(config);
  }
}
