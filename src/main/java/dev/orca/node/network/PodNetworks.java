package dev.orca.node.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the process node's pod network from {@code orca.network.mode} and what this machine allows. */
public final class PodNetworks {
  private static final Logger log = LoggerFactory.getLogger(PodNetworks.class);
  private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private PodNetworks() {}

  /**
   * The network for {@code settings}, logging which one it is: {@code loopback}, {@code namespaces},
   * or for {@code auto} namespaces when this machine allows them (root, {@code ip netns add} works,
   * the ranges are free), else loopback.
   *
   * @throws IllegalStateException in mode {@code namespaces} when this machine cannot give pods namespaces
   */
  public static PodNetwork detect(NetworkSettings settings) {
    if (settings.mode() == NetworkSettings.Mode.LOOPBACK) {
      log.info("pod network: loopback (orca.network.mode = loopback): each pod gets its own 127.0.x.y address");
      return new LoopbackNetwork(settings.serviceCidr());
    }
    Optional<String> unavailable = namespacesUnavailable(settings.commandTimeout());
    if (unavailable.isEmpty()) {
      try {
        NamespaceNetwork network = NamespaceNetwork.start(settings);
        log.info("pod network: namespaces: a network namespace per pod on bridge {} ({}), pods in {}, services in {}",
            settings.bridge(), network.gateway(), settings.podCidr(), network.serviceCidr());
        return network;
      } catch (IllegalStateException e) {
        unavailable = Optional.of(e.getMessage());
      }
    }
    if (settings.mode() == NetworkSettings.Mode.NAMESPACES) {
      throw new IllegalStateException("orca.network.mode = namespaces, but " + unavailable.get());
    }
    log.info("pod network: loopback (orca.network.mode = auto, no network namespaces: {}): each pod gets its own "
        + "127.0.x.y address", unavailable.get());
    return new LoopbackNetwork(settings.serviceCidr());
  }

  /** Why this machine cannot give pods network namespaces, or empty when it can. */
  public static Optional<String> namespacesUnavailable(Duration timeout) {
    if (!isRoot()) {
      return Optional.of("Orca does not run as root");
    }
    String ip = executable("ip");
    if (ip == null) {
      return Optional.of("`ip` (iproute2) is not on the PATH");
    }
    if (executable("nsenter") == null) {
      return Optional.of("`nsenter` (util-linux) is not on the PATH");
    }
    String probe = NamespaceNetwork.NETNS_PREFIX + "probe-" + ProcessHandle.current().pid();
    Commands.Result added = Commands.run(List.of(ip, "netns", "add", probe), timeout);
    Commands.run(List.of(ip, "netns", "del", probe), timeout);
    if (!added.ok()) {
      return Optional.of("`ip netns add` failed: " + added.stderr().strip());
    }
    return Optional.empty();
  }

  /** Whether this process's effective user is root. */
  static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring(4).trim().split("\\s+");
          return ids.length > 1 && ids[1].equals("0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  /** The executable's path on this JVM's PATH (or the usual directories), or null. */
  static String executable(String name) {
    String path = System.getenv("PATH");
    for (String dir : ((path == null ? "" : path + ":") + DEFAULT_PATH).split(":")) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return null;
  }
}
