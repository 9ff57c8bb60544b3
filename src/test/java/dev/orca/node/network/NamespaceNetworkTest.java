package dev.orca.node.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import dev.orca.model.Container;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.PodSpec;
import dev.orca.node.runtime.ContainerRuntime.RunningContainer;
import dev.orca.node.runtime.ContainerStartException;
import dev.orca.node.runtime.LogStore;
import dev.orca.node.runtime.ProcessRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network namespace per pod, on this machine for real; skipped where Orca cannot make namespaces. */
class NamespaceNetworkTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static NetworkSettings defaults;

  @TempDir
  Path root;
  private NamespaceNetwork network;
  private final List<Process> strays = new ArrayList<>();

  @BeforeAll
  static void onlyWhereNamespacesWork() {
    defaults = NetworkSettings.from(ConfigFactory.load()).withMode(NetworkSettings.Mode.NAMESPACES);
    var unavailable = PodNetworks.namespacesUnavailable(defaults.commandTimeout());
    assumeTrue(unavailable.isEmpty(), () -> "no network namespaces here: " + unavailable.orElse(""));
  }

  @BeforeEach
  void start() {
    network = NamespaceNetwork.start(defaults);
  }

  @AfterEach
  void stop() {
    strays.forEach(Process::destroyForcibly);
    network.close();
  }

  @Test
  void aPodKeepsItsAddressAndSandboxUntilTornDown() throws Exception {
    Pod pod = pod("keeper");
    String ip = network.podIp(pod);
    assertTrue(defaults.podCidr().contains(ip) && !ip.equals(network.gateway()), ip);
    List<String> enter = network.setUp(pod);
    assertEquals(enter, network.setUp(pod), "setting up again changes nothing");
    assertEquals(enter, network.enterPrefix(pod));
    assertEquals(ip, network.podIp(pod));
    String netns = network.netnsName(pod);
    assertTrue(netns.startsWith("orca-") && Files.exists(Path.of("/run/netns", netns)), netns);

    String inside = run(concat(enter, List.of("ip", "-o", "-4", "addr", "show", "dev", "eth0")));
    assertTrue(inside.contains(" " + ip + "/16 "), inside);
    String routes = run(concat(enter, List.of("ip", "route", "show")));
    assertTrue(routes.contains(network.serviceCidr() + " via " + network.gateway()), routes);
    assertFalse(routes.contains("default"), "nothing beyond this machine is routed: " + routes);
    assertNotEquals(netnsOf(ProcessHandle.current().pid()),
        run(concat(enter, List.of("readlink", "/proc/self/ns/net"))).strip());
    assertTrue(Files.exists(NamespaceNetwork.LEASE_DIR.resolve(ip)), "the address is leased");

    network.tearDown(pod);
    assertFalse(Files.exists(Path.of("/run/netns", netns)), "the namespace is gone");
    assertFalse(Files.exists(NamespaceNetwork.LEASE_DIR.resolve(ip)), "the address is free");
    assertEquals(List.of(), network.enterPrefix(pod));
  }

  @Test
  void twoPodsListenOnTheSamePortAndTheHostReachesBoth() throws Exception {
    Pod first = pod("first");
    Pod second = pod("second");
    List<String> servers = new ArrayList<>();
    for (Pod pod : List.of(first, second)) {
      strays.add(new ProcessBuilder(concat(network.setUp(pod), List.of("python3", "-c",
          "import socket\ns=socket.socket()\ns.bind(('0.0.0.0',7070))\ns.listen()\n"
              + "while True:\n c,_=s.accept()\n c.sendall(b'" + pod.metadata().name() + "')\n c.close()")))
          .redirectErrorStream(true).start());
      servers.add(network.podIp(pod));
    }
    assertNotEquals(servers.get(0), servers.get(1));
    for (int i = 0; i < 2; i++) {
      String ip = servers.get(i);
      String expected = i == 0 ? "first" : "second";
      assertEquals(expected, await(() -> greeting(ip, 7070), expected::equals), ip);
    }
  }

  @Test
  void aPodReachesAnAddressExposedOnTheHost() throws Exception {
    String address = network.serviceCidr().at(65000);
    network.exposeOnHost(address);
    network.exposeOnHost(address);
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName(address))) {
      CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> {
        try (Socket s = server.accept()) {
          return s.getInetAddress().getHostAddress();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Pod pod = pod("client");
      String out = run(concat(network.setUp(pod), List.of("python3", "-c",
          "import socket; socket.create_connection(('" + address + "', " + server.getLocalPort() + "), 5); print('connected')")));
      assertTrue(out.contains("connected"), out);
      assertEquals(network.podIp(pod), accepted.get(5, TimeUnit.SECONDS), "the pod connects from its own address");
    }
    network.unexposeOnHost(address);
    assertFalse(run(List.of("ip", "-o", "-4", "addr", "show", "dev", defaults.bridge())).contains(" " + address + "/32"));
  }

  @Test
  void aContainerRunsInItsPodsNamespaceAndStillDiesWithItsParentThread() throws Exception {
    Pod pod = pod("orphan");
    List<String> enter = network.setUp(pod);
    AtomicLong pid = new AtomicLong();
    // the chain ProcessRuntime launches through: setpriv --pdeathsig, then the sandbox, then setsid
    Thread parent = new Thread(() -> {
      try {
        long started = new ProcessBuilder(concat(List.of("setpriv", "--pdeathsig", "KILL", "--"),
            concat(enter, List.of("setsid", "--", "sleep", "300")))).start().pid();
        // the parent thread ends only once setpriv has set the signal (and the chain reached sleep)
        await(() -> command(started), c -> c.startsWith("sleep"));
        pid.set(started);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    parent.start();
    parent.join();
    assertTrue(pid.get() > 0, "the container started");
    try {
      await(() -> ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    } catch (AssertionError e) {
      throw new AssertionError(pid.get() + " " + Files.readString(Path.of("/proc/" + pid.get() + "/status")) + " cmd "
          + Files.readString(Path.of("/proc/" + pid.get() + "/cmdline")), e);
    }
  }

  @Test
  void aSandboxThatCannotBeMadeFailsTheStartWithItsReason() throws Exception {
    NetworkSettings other = new NetworkSettings(NetworkSettings.Mode.NAMESPACES, Cidr.parse("10.215.7.0/24"),
        defaults.serviceCidr(), defaults.namespaceServiceCidr(), "orcatest0", defaults.commandTimeout());
    try (NamespaceNetwork broken = NamespaceNetwork.start(other);
        ProcessRuntime runtime = new ProcessRuntime(ProcessRuntime.Settings.of(root, "node-1"), new LogStore(10), broken)) {
      run(List.of("ip", "link", "del", "orcatest0"));
      Pod unlucky = pod("unlucky");
      ExecutionException e = assertThrows(ExecutionException.class, () -> runtime.start(unlucky,
          new Container("c", null, List.of("true"), null, null, null, null, null, null, null, null, null))
          .toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
      ContainerStartException failure = assertInstanceOf(ContainerStartException.class, e.getCause());
      assertEquals("CreatePodSandboxError", failure.reason());
      assertTrue(failure.getMessage().contains("orcatest0") && failure.getMessage().contains("ip link set"),
          failure.getMessage());
      String netns = broken.netnsName(unlucky);
      assertTrue(netns != null && !Files.exists(Path.of("/run/netns", netns)), "a failed attempt leaves no namespace");
      assertEquals(List.of(), broken.enterPrefix(unlucky));
    } finally {
      Commands.run(List.of("ip", "link", "del", "orcatest0"), TIMEOUT);
    }
  }

  @Test
  void leftoversOfADeadRunAreRemovedAtStart() throws Exception {
    String stale = "orca-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String unleased = "orca-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String address = defaults.podCidr().at(defaults.podCidr().size() - 2);
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    Files.writeString(NamespaceNetwork.LEASE_DIR.resolve(address), stale + " " + dead.pid() + " 1\n");
    run(List.of("ip", "netns", "add", stale));
    run(List.of("ip", "netns", "add", unleased));
    Process inside = new ProcessBuilder("nsenter", "--net=/run/netns/" + stale, "--", "sleep", "300").start();
    strays.add(inside);
    await(() -> netnsOf(inside.pid()), n -> !n.isEmpty() && !n.equals(netnsOf(ProcessHandle.current().pid())));

    try (NamespaceNetwork next = NamespaceNetwork.start(defaults)) {
      assertFalse(Files.exists(Path.of("/run/netns", stale)));
      assertFalse(Files.exists(Path.of("/run/netns", unleased)));
      assertFalse(Files.exists(NamespaceNetwork.LEASE_DIR.resolve(address)));
      assertTrue(inside.waitFor(5, TimeUnit.SECONDS), "a process left in a stale namespace is killed");
      assertTrue(Files.exists(Path.of("/sys/class/net", defaults.bridge())), "the bridge stays");
    }
  }

  @Test
  void afterKillDashNineTheContainerIsGoneAndTheNextRunRemovesItsNamespace() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        NetnsOrphanCheckMain.class.getName(), root.resolve("jvm").toString())
        .redirectErrorStream(true).start();
    strays.add(jvm);
    String line = null;
    BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    for (String l = out.readLine(); l != null; l = out.readLine()) {
      if (l.startsWith("pod ")) {
        line = l;
        break;
      }
    }
    assertTrue(line != null, "the JVM started its pod");
    String[] words = line.split(" ");
    long pid = Long.parseLong(words[1]);
    String netns = words[2];
    assertTrue(ProcessHandle.of(pid).isPresent() && Files.exists(Path.of("/run/netns", netns)), line);
    String inside = run(List.of("nsenter", "--net=/run/netns/" + netns, "--", "readlink", "/proc/self/ns/net")).strip();
    // the pid is known from the launch on; it is in the namespace once nsenter has entered it and exec'd on
    assertEquals(inside, await(() -> netnsOf(pid), inside::equals), "the container runs in its pod's namespace");

    jvm.destroyForcibly();
    assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
    await(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    try (NamespaceNetwork next = NamespaceNetwork.start(defaults)) {
      assertFalse(Files.exists(Path.of("/run/netns", netns)), "the next run removed " + netns);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Pod pod(String name) {
    ObjectMeta meta = ObjectMeta.named("default", name);
    meta = new ObjectMeta(meta.name(), null, meta.namespace(), UUID.nameUUIDFromBytes((name + System.nanoTime()).getBytes()).toString(),
        null, null, null, null, null, null, null, null, null);
    return new Pod(Pod.API_VERSION, Pod.KIND, meta,
        new PodSpec(List.of(), "node-1", null, null, null, "Always", null, null, null), null);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String run(List<String> argv) {
    return Commands.check(argv, TIMEOUT);
  }

  private static String netnsOf(long pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
    } catch (Exception e) {
      return "";
    }
  }

  private static String command(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
    } catch (Exception e) {
      return "";
    }
  }

  private static String greeting(String ip, int port) {
    try (Socket s = new Socket()) {
      s.connect(new java.net.InetSocketAddress(ip, port), 1000);
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (Exception e) {
      return null;
    }
  }

  private static <T> T await(java.util.function.Supplier<T> value, java.util.function.Predicate<T> done) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    T last = value.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached in " + TIMEOUT + ": last " + last);
      }
      Thread.sleep(20);
      last = value.get();
    }
    return last;
  }
}
