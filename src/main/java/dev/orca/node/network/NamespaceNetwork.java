package dev.orca.node.network;

import dev.orca.model.Pod;
import dev.orca.node.runtime.ContainerStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network namespace per pod, CNI-style: the host's bridge ({@code orca0}) holds the first
 * address of the pod range; each pod gets a namespace {@code orca-<10 hex of its uid>} with
 * {@code lo} up and {@code eth0}, one end of a veth pair whose host end ({@code orca<same hex>})
 * is on the bridge, with the pod's address and a route to the service range through the bridge
 * (no default route: nothing beyond this machine is reachable, and trying fails at once). The range
 * exists only inside this machine: the host reaches pods over the bridge, pods reach each other
 * on it, and pods reach the host's addresses on it (the bridge's, and those {@link #exposeOnHost
 * exposed}); nothing is forwarded or masqueraded beyond the machine.
 *
 * <p>Addresses are leased in {@code /run/orca/pod-network} ({@link AddressLeases}) so that two
 * Orcas on one machine never hand out the same one. At start, what a dead Orca left (its
 * namespaces, veths, exposed addresses, and any process still inside such a namespace) is
 * removed; the bridge stays. {@link #close()} removes everything this one made.
 */
public final class NamespaceNetwork implements PodNetwork {
  private static final Logger log = LoggerFactory.getLogger(NamespaceNetwork.class);
  static final Path NETNS_DIR = Path.of("/run/netns");
  static final Path LEASE_DIR = Path.of("/run/orca/pod-network");
  private static final Path SYS_NET = Path.of("/sys/class/net");
  static final String NETNS_PREFIX = "orca-";
  private static final Pattern VETH = Pattern.compile("orca[0-9a-f]{10}");

  private final NetworkSettings settings;
  private final String ip;
  private final String nsenter;
  private final AddressLeases leases;
  private final String gateway;
  private final Cidr serviceCidr;
  private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
  private final Set<String> exposed = ConcurrentHashMap.newKeySet();
  private long cursor = 2;

  /** One pod's namespace; {@code ready} once it is set up. */
  private static final class Sandbox {
    final String podName;
    final String ip;
    final String netns;
    final String veth;
    volatile boolean ready;

    Sandbox(String podName, String ip, String netns, String veth) {
      this.podName = podName;
      this.ip = ip;
      this.netns = netns;
      this.veth = veth;
    }
  }

  private NamespaceNetwork(NetworkSettings settings, String ip, String nsenter) {
    this.settings = settings;
    this.ip = ip;
    this.nsenter = nsenter;
    this.leases = new AddressLeases(LEASE_DIR);
    this.gateway = settings.podCidr().at(1);
    this.serviceCidr = serviceCidr(settings);
  }

  /**
   * Removes what dead Orcas left, then makes (or keeps) the bridge.
   *
   * @throws IllegalStateException when this machine cannot: not root, no {@code ip} or
   *     {@code nsenter}, the pod or service range overlaps one of its routes, a command failed
   */
  public static NamespaceNetwork start(NetworkSettings settings) {
    String ip = PodNetworks.executable("ip");
    String nsenter = PodNetworks.executable("nsenter");
    if (ip == null || nsenter == null) {
      throw new IllegalStateException("namespace mode needs `ip` (iproute2) and `nsenter` (util-linux) on the PATH");
    }
    NamespaceNetwork network = new NamespaceNetwork(settings, ip, nsenter);
    try {
      network.checkRanges();
      network.sweep();
      network.ensureBridge();
    } catch (Commands.Failure | UncheckedIOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return network;
  }

  /** The service range of namespace mode: the configured one, unless it is on the host's loopback. */
  static Cidr serviceCidr(NetworkSettings settings) {
    return settings.serviceCidr().overlaps(Cidr.parse("127.0.0.0/8"))
        ? settings.namespaceServiceCidr() : settings.serviceCidr();
  }

  @Override
  public String mode() {
    return "namespaces";
  }

  /** The bridge's address: pods' default gateway, and a host address every pod reaches. */
  public String gateway() {
    return gateway;
  }

  @Override
  public String podIp(Pod pod) {
    return sandbox(pod).ip;
  }

  @Override
  public List<String> setUp(Pod pod) {
    Sandbox s = sandbox(pod);
    synchronized (s) {
      if (!s.ready) {
        create(s);
        s.ready = true;
      }
    }
    return enter(s);
  }

  @Override
  public List<String> enterPrefix(Pod pod) {
    Sandbox s = sandboxes.get(key(pod));
    return s != null && s.ready ? enter(s) : List.of();
  }

  /** The network namespace of the pod's sandbox, if it has one. */
  public String netnsName(Pod pod) {
    Sandbox s = sandboxes.get(key(pod));
    return s == null ? null : s.netns;
  }

  @Override
  public void tearDown(Pod pod) {
    Sandbox s = sandboxes.remove(key(pod));
    if (s != null) {
      synchronized (s) {
        remove(s.netns, s.veth, false);
        s.ready = false;
        leases.release(s.ip);
      }
    }
  }

  @Override
  public void exposeOnHost(String address) {
    Cidr.address(address);
    if (exposed.contains(address)) {
      return;
    }
    if (!leases.acquire(address, "-")) {
      AddressLeases.Lease holder = leases.all().stream().filter(l -> l.address().equals(address)).findFirst().orElse(null);
      if (holder != null && leases.ownerAlive(holder) && holder.ownerPid() != ProcessHandle.current().pid()) {
        throw new IllegalStateException(address + " is already exposed by process " + holder.ownerPid());
      }
      if (holder != null && !leases.ownerAlive(holder)) {
        leases.release(address);
        leases.acquire(address, "-");
      }
    }
    Commands.Result added = Commands.run(List.of(ip, "addr", "add", address + "/32", "dev", settings.bridge()),
        settings.commandTimeout());
    if (!added.ok() && !added.stderr().contains("File exists")) {
      leases.release(address);
      throw new IllegalStateException("cannot expose " + address + " on " + settings.bridge() + ": " + added.stderr().strip());
    }
    exposed.add(address);
  }

  @Override
  public void unexposeOnHost(String address) {
    if (exposed.remove(address)) {
      Commands.run(List.of(ip, "addr", "del", address + "/32", "dev", settings.bridge()), settings.commandTimeout());
      leases.release(address);
    }
  }

  @Override
  public Cidr serviceCidr() {
    return serviceCidr;
  }

  @Override
  public void close() {
    for (String key : List.copyOf(sandboxes.keySet())) {
      Sandbox s = sandboxes.remove(key);
      if (s != null) {
        synchronized (s) {
          remove(s.netns, s.veth, false);
          leases.release(s.ip);
        }
      }
    }
    List.copyOf(exposed).forEach(this::unexposeOnHost);
  }

  // ---- sandboxes --------------------------------------------------------------------------

  private List<String> enter(Sandbox s) {
    return List.of(nsenter, "--net=" + NETNS_DIR.resolve(s.netns), "--");
  }

  private Sandbox sandbox(Pod pod) {
    return sandboxes.computeIfAbsent(key(pod), k -> allocate(pod));
  }

  private static String key(Pod pod) {
    String uid = pod.metadata().uid();
    return uid == null || uid.isEmpty() ? pod.metadata().namespace() + "/" + pod.metadata().name() : uid;
  }

  /** Ten hex digits that name the pod's namespace and veth: from its uid, or a hash of its key. */
  static String shortId(Pod pod) {
    String hex = key(pod).toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
    if (hex.length() < 10 || !key(pod).equals(pod.metadata().uid())) {
      hex = UUID.nameUUIDFromBytes(key(pod).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
    return hex.substring(0, 10);
  }

  /** The next free address of the range (not the network, the bridge's or the broadcast address). */
  private synchronized Sandbox allocate(Pod pod) {
    String id = shortId(pod);
    String netns = NETNS_PREFIX + id;
    long hosts = settings.podCidr().size() - 3;
    for (long tried = 0; tried < hosts; tried++) {
      long index = cursor;
      cursor = cursor + 1 >= settings.podCidr().size() - 1 ? 2 : cursor + 1;
      String address = settings.podCidr().at(index);
      if (leases.acquire(address, netns)) {
        return new Sandbox(pod.metadata().namespace() + "/" + pod.metadata().name(), address, netns, "orca" + id);
      }
    }
    throw new IllegalStateException("no free address left in " + settings.podCidr());
  }

  /** The namespace, the veth pair in it, the pod's address and route; nothing is left of a failed attempt. */
  private void create(Sandbox s) {
    Cidr range = settings.podCidr();
    try {
      remove(s.netns, s.veth, false);
      ip("netns", "add", s.netns);
      ip("link", "add", s.veth, "type", "veth", "peer", "name", "eth0", "netns", s.netns);
      ip("link", "set", s.veth, "master", settings.bridge(), "up");
      ip("-n", s.netns, "addr", "add", s.ip + "/" + range.prefix(), "dev", "eth0");
      ip("-n", s.netns, "link", "set", "eth0", "up");
      ip("-n", s.netns, "link", "set", "lo", "up");
      // no default route: what does not exist on this machine fails at once (a DNS lookup gets "network
      // unreachable" instead of waiting out the resolver's timeout), Services are reached through the bridge
      ip("-n", s.netns, "route", "add", serviceCidr.toString(), "via", gateway);
    } catch (Commands.Failure e) {
      remove(s.netns, s.veth, false);
      throw new ContainerStartException(ContainerStartException.CREATE_POD_SANDBOX_ERROR,
          "failed to set up the network namespace of pod " + s.podName + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a namespace and its host veth if they exist; with {@code killInside}, first SIGKILLs what runs in it. */
  private void remove(String netns, String veth, boolean killInside) {
    if (Files.exists(NETNS_DIR.resolve(netns))) {
      if (killInside) {
        Commands.Result pids = Commands.run(List.of(ip, "netns", "pids", netns), settings.commandTimeout());
        for (String pid : pids.stdout().split("\\s+")) {
          if (!pid.isEmpty()) {
            log.warn("killing process {} left in network namespace {} by a previous run", pid, netns);
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
      }
      Commands.Result deleted = Commands.run(List.of(ip, "netns", "del", netns), settings.commandTimeout());
      if (!deleted.ok()) {
        log.warn("cannot delete network namespace {}: {}", netns, deleted.stderr().strip());
      }
    }
    if (veth != null && Files.exists(SYS_NET.resolve(veth))) {
      Commands.run(List.of(ip, "link", "del", veth), settings.commandTimeout());
    }
  }

  private String ip(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(ip);
    argv.addAll(List.of(args));
    return Commands.check(argv, settings.commandTimeout());
  }

  // ---- start ------------------------------------------------------------------------------

  /** The ranges must not overlap a route of this machine other than the bridge's own. */
  private void checkRanges() {
    for (String line : ip("-o", "-4", "route", "show").split("\n")) {
      String[] words = line.trim().split("\\s+");
      if (words.length == 0 || words[0].isEmpty() || words[0].equals("default")
          || line.contains(" dev " + settings.bridge() + " ")) {
        continue;
      }
      Cidr route;
      try {
        route = Cidr.parse(words[0]);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (route.overlaps(settings.podCidr())) {
        throw new IllegalStateException("orca.network.pod-cidr " + settings.podCidr() + " overlaps this machine's route "
            + line.trim() + "; choose another private range");
      }
      if (route.overlaps(serviceCidr)) {
        throw new IllegalStateException("the service range " + serviceCidr + " overlaps this machine's route "
            + line.trim() + "; choose another orca.network.namespaces.service-cidr");
      }
    }
  }

  /** Removes the namespaces, veths and exposed addresses whose owner is gone (or that have no lease). */
  private void sweep() {
    Set<String> live = new HashSet<>();
    for (AddressLeases.Lease lease : leases.all()) {
      if (leases.ownerAlive(lease)) {
        live.add(lease.isPod() ? lease.sandbox() : lease.address());
        continue;
      }
      if (lease.isPod()) {
        log.info("removing network namespace {} ({}) left by a previous run", lease.sandbox(), lease.address());
        remove(lease.sandbox(), "orca" + lease.sandbox().substring(NETNS_PREFIX.length()), true);
      } else {
        Commands.run(List.of(ip, "addr", "del", lease.address() + "/32", "dev", settings.bridge()), settings.commandTimeout());
      }
      leases.release(lease.address());
    }
    for (String netns : list(NETNS_DIR)) {
      if (netns.startsWith(NETNS_PREFIX) && !live.contains(netns)) {
        log.info("removing network namespace {} left by a previous run", netns);
        remove(netns, null, true);
      }
    }
    for (String link : list(SYS_NET)) {
      if (VETH.matcher(link).matches() && !live.contains(NETNS_PREFIX + link.substring(4))) {
        Commands.run(List.of(ip, "link", "del", link), settings.commandTimeout());
      }
    }
    if (Files.exists(SYS_NET.resolve(settings.bridge()))) {
      for (String line : ip("-o", "-4", "addr", "show", "dev", settings.bridge()).split("\n")) {
        String[] words = line.trim().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
          if (words[i].equals("inet") && words[i + 1].endsWith("/32")) {
            String address = words[i + 1].substring(0, words[i + 1].length() - 3);
            if (!live.contains(address)) {
              Commands.run(List.of(ip, "addr", "del", words[i + 1], "dev", settings.bridge()), settings.commandTimeout());
            }
          }
        }
      }
    }
  }

  private void ensureBridge() {
    String bridge = settings.bridge();
    if (!Files.exists(SYS_NET.resolve(bridge))) {
      Commands.Result made = Commands.run(List.of(ip, "link", "add", bridge, "type", "bridge"), settings.commandTimeout());
      if (!made.ok() && !made.stderr().contains("File exists")) {
        throw new Commands.Failure("`ip link add " + bridge + " type bridge` failed: " + made.stderr().strip());
      }
    }
    String address = gateway + "/" + settings.podCidr().prefix();
    if (!(ip("-o", "-4", "addr", "show", "dev", bridge) + " ").contains(" " + address + " ")) {
      Commands.Result added = Commands.run(List.of(ip, "addr", "add", address, "dev", bridge), settings.commandTimeout());
      if (!added.ok() && !added.stderr().contains("File exists")) {
        throw new Commands.Failure("`ip addr add " + address + " dev " + bridge + "` failed: " + added.stderr().strip());
      }
    }
    ip("link", "set", bridge, "up");
  }

  private static List<String> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
