package dev.orca.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.Container;
import dev.orca.model.ContainerState;
import dev.orca.model.ContainerStateRunning;
import dev.orca.model.ContainerStatus;
import dev.orca.model.EnvVar;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.PodSpec;
import dev.orca.model.PodStatus;
import dev.orca.node.runtime.ContainerRuntime.RunningContainer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessRuntimeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path root;

  private ProcessRuntime runtime;
  private final List<Process> strays = new ArrayList<>();

  @BeforeEach
  void start() {
    runtime = new ProcessRuntime(ProcessRuntime.Settings.of(root, "node-1"), new LogStore(1000));
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
    strays.forEach(Process::destroyForcibly);
  }

  // ---- output and exit codes ----------------------------------------------------------------

  @Test
  void outputGoesToTheLogStoreAndTheLogFileAndExitCodeZeroIsReported() throws Exception {
    Pod pod = pod("printer", "10.1.0.5");
    Instant before = Instant.now().minusSeconds(1);
    RunningContainer c = start(pod, container("c", "sh", "-c", "echo one; echo two >&2; echo three; printf four"));

    assertTrue(c.containerId().matches("process://\\d+"), c.containerId());
    assertFalse(c.startedAt().isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    assertEquals(0, exitCode(c));
    assertEquals(List.of("one", "two", "three", "four"), lines("printer", "c"));

    List<String> file = Files.readAllLines(runtime.logFile(pod, "c"));
    assertEquals(4, file.size());
    assertTrue(file.get(1).endsWith(" two"), file.get(1));
    Instant stamped = Instant.parse(file.get(0).substring(0, file.get(0).indexOf(' ')));
    assertFalse(stamped.isBefore(before));
  }

  @Test
  void aFailingCommandReportsItsExitCode() throws Exception {
    RunningContainer c = start(pod("fails", null), container("c", "sh", "-c", "echo failing; exit 3"));
    assertEquals(3, exitCode(c));
    assertEquals(List.of("failing"), lines("fails", "c"));
  }

  @Test
  void envAndWorkingDirectoryAreWhatTheProcessSees() throws Exception {
    Pod pod = pod("envy", "10.1.0.5");
    Container spec = new Container("c", null,
        List.of("python3", "-c",
            "import os, sys\n"
                + "for k in ['GREETING', 'DERIVED', 'POD_NAME', 'POD_NAMESPACE', 'POD_IP', 'NODE_NAME', 'HOSTNAME']:\n"
                + "  print(k + '=' + os.environ.get(k, '<unset>'))\n"
                + "print('cwd=' + os.getcwd())\n"
                + "print('args=' + ' '.join(sys.argv[1:]))\n"),
        List.of("$(GREETING)", "$$(GREETING)", "$(UNDEFINED)"),
        null,
        List.of(new EnvVar("GREETING", "hello"), new EnvVar("DERIVED", "$(GREETING)-$(POD_NAME)")),
        null, null, null, null, null, null);
    assertEquals(0, exitCode(start(pod, spec)));
    List<String> out = lines("envy", "c");
    assertTrue(out.contains("GREETING=hello"), out.toString());
    assertTrue(out.contains("DERIVED=hello-envy"), out.toString());
    assertTrue(out.contains("POD_NAME=envy"), out.toString());
    assertTrue(out.contains("POD_NAMESPACE=default"), out.toString());
    assertTrue(out.contains("POD_IP=10.1.0.5"), out.toString());
    assertTrue(out.contains("NODE_NAME=node-1"), out.toString());
    assertTrue(out.contains("HOSTNAME=envy"), out.toString());
    assertTrue(out.contains("cwd=" + runtime.podDirectory(pod).toRealPath()), out.toString());
    assertTrue(out.contains("args=hello $(GREETING) $(UNDEFINED)"), out.toString());

    // An explicit workingDir (created when missing); a pod without an IP yet sees 127.0.0.1.
    Path dir = root.resolve("elsewhere/deeper");
    Container inDir = new Container("w", null, List.of("sh", "-c", "pwd; echo \"ip=$POD_IP\""), null,
        dir.toString(), null, null, null, null, null, null, null);
    assertEquals(0, exitCode(start(pod("noip", null), inDir)));
    assertEquals(List.of(dir.toRealPath().toString(), "ip=127.0.0.1"), lines("noip", "w"));
  }

  @Test
  void theContainerEnvironmentExpandsLikeKubernetes() {
    Map<String, String> env = Map.of("A", "1", "B", "2");
    assertEquals("1-$(A)-2-$(C)-$x-$", ContainerEnvironment.expand("$(A)-$$(A)-$(B)-$(C)-$x-$", env));
    assertEquals("$(A", ContainerEnvironment.expand("$(A", env));
    assertEquals("a$b", ContainerEnvironment.expand("a$$b", env));
  }

  // ---- resource use and memory limits --------------------------------------------------------

  @Test
  void samplesReportEachContainersCpuAndResidentMemoryAndTheMachines() throws Exception {
    Pod pod = pod("user", null);
    RunningContainer c = start(pod, container("c", "python3", "-c",
        "b=bytearray(30*1024*1024)\nimport time\nend=time.time()+30\nwhile time.time()<end: sum(range(1000))"));
    ContainerUsage usage = await("a sample with the container's memory and cpu", () -> {
      runtime.sampleUsage();
      return runtime.sampleUsage().orElseThrow().containers().stream().filter(u -> u.pod().equals("user")).findFirst()
          .orElse(null);
    }, u -> u != null && u.memoryBytes() > 30L * 1024 * 1024 && u.cpuNanoCores() > 0);
    assertEquals("default", usage.namespace());
    assertEquals("c", usage.container());
    UsageSample sample = runtime.sampleUsage().orElseThrow();
    assertTrue(sample.node().memoryBytes() > 0, sample.toString());
    c.stop(0);
    exitCode(c);
    assertTrue(runtime.sampleUsage().orElseThrow().containers().isEmpty());
  }

  @Test
  void aContainerOverItsMemoryLimitIsKilledAsOomKilledByTheWatch() throws Exception {
    runtime.close();
    runtime = new ProcessRuntime(ProcessRuntime.Settings.of(root, "node-1")
        .withMemoryLimits(false, Duration.ofMillis(100)), new LogStore(1000));
    assertFalse(runtime.usesCgroups());
    assertOomKilled();
  }

  @Test
  void aContainerOverItsMemoryLimitIsOomKilledWhateverEnforcesIt() throws Exception {
    assertOomKilled();
  }

  private void assertOomKilled() throws Exception {
    // a shell whose child allocates: the whole session goes
    Container hog = new Container("hog", null, List.of("sh", "-c",
        "python3 -c 'b=bytearray(200*1024*1024); import time; time.sleep(60)'; echo survived"), null, null, null, null,
        new dev.orca.model.ResourceRequirements(null, Map.of("memory", "64Mi")), null, null, null, null);
    RunningContainer c = start(pod("hog", null), hog);
    assertEquals(137, exitCode(c));
    assertEquals("OOMKilled", c.exitReason());
    assertFalse(lines("hog", "hog").contains("survived"));

    RunningContainer modest = start(pod("modest", null), new Container("m", null, List.of("sh", "-c", "exit 0"), null,
        null, null, null, new dev.orca.model.ResourceRequirements(null, Map.of("memory", "64Mi")), null, null, null,
        null));
    assertEquals(0, exitCode(modest));
    assertEquals(null, modest.exitReason());
  }

  @Test
  void procFilesAreReadAsTheKernelWritesThem() {
    ProcTable.Stat stat = ProcTable.parse(42, "42 (a (b) c) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 1 0 "
        + "12345 1000000 2000 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0");
    assertEquals(310, stat.cpuTicks());
    assertEquals(12345, stat.startTicks());
    assertEquals(42, stat.session());
    assertEquals(1234L * 1024, ProcTable.parseVmRss("Name:\tx\nVmPeak:\t 9 kB\nVmRSS:\t    1234 kB\n"));
    assertEquals(0, ProcTable.parseVmRss("Name:\tkthreadd\n"));
    assertEquals(100 + 5 + 30 + 2 + 3 + 1, MachineUsage.busyTicks(
        "cpu  100 5 30 900 40 2 3 1 0 0\ncpu0 50 2 15 450 20 1 1 0 0 0\n"));
    assertEquals((1000L - 400) * 1024, MachineUsage.usedMemory("MemTotal:  1000 kB\nMemFree: 100 kB\nMemAvailable: 400 kB\n"));

    CpuRate rate = new CpuRate(0, 0);
    assertEquals(500_000_000L, rate.next(50, 1_000_000_000L)); // 0.5 s of CPU in 1 s: half a core
    assertEquals(0, rate.next(10, 2_000_000_000L)); // a process left the set: no use, new baseline
    assertEquals(2_000_000_000L, rate.next(210, 3_000_000_000L));
  }

  @Test
  void cgroupV2IsUsedOnlyWhereTheMemoryControllerIsOffered() throws Exception {
    Path fake = root.resolve("cgroup");
    Files.createDirectories(fake);
    Files.writeString(fake.resolve("cgroup.controllers"), "cpu io pids\n");
    assertTrue(CgroupV2.detect(fake, "orca-n").isEmpty());

    Files.writeString(fake.resolve("cgroup.controllers"), "cpu memory pids\n");
    Files.writeString(fake.resolve("cgroup.subtree_control"), "");
    Files.createDirectories(fake.resolve("orca-n"));
    Files.writeString(fake.resolve("orca-n/cgroup.subtree_control"), "");
    CgroupV2 cgroups = CgroupV2.detect(fake, "orca-n").orElseThrow();
    assertEquals("+memory", Files.readString(fake.resolve("orca-n/cgroup.subtree_control")));
    Path one = cgroups.create("default_web_main", 64L * 1024 * 1024);
    assertEquals("67108864", Files.readString(one.resolve("memory.max")));
    assertEquals(List.of("/bin/sh", "-c", "echo $$ > \"$0/cgroup.procs\" || exit 126; exec \"$@\"", one.toString(),
        "/bin/sleep", "1"), CgroupV2.joinCommand(one, List.of("/bin/sleep", "1")));
    Files.writeString(one.resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 1\n");
    assertTrue(CgroupV2.oomKilled(one));
    assertEquals(0, CgroupV2.oomKills("low 0\noom 0\noom_kill 0\n"));
  }

  private static <T> T await(String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long end = System.nanoTime() + WAIT.toNanos();
    T last = null;
    while (System.nanoTime() < end) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      LockSupport.parkNanos(50_000_000L);
    }
    throw new AssertionError("timed out waiting for " + what + "; last: " + last);
  }

  // ---- failed starts ------------------------------------------------------------------------

  @Test
  void anImageWithoutACommandFailsToStartWithAClearReason() {
    Container imageOnly = new Container("c", "nginx:1.27", null, null, null, null, null, null, null, null, null, null);
    ContainerStartException e = startFailure(pod("image", null), imageOnly);
    assertEquals("CreateContainerConfigError", e.reason());
    assertEquals("container \"c\" has no command: the process runtime runs commands, not images", e.getMessage());
  }

  @Test
  void aMissingExecutableFailsToStartWithTheRuntimesMessage() throws Exception {
    ContainerStartException e = startFailure(pod("nosuch", null), container("c", "nosuch-orca-command", "x"));
    assertEquals("RunContainerError", e.reason());
    assertEquals("exec: \"nosuch-orca-command\": executable file not found in $PATH", e.getMessage());

    ContainerStartException path = startFailure(pod("nosuch", null), container("c", "/no/such/program"));
    assertEquals("RunContainerError", path.reason());
    assertEquals("exec: \"/no/such/program\": stat /no/such/program: no such file or directory", path.getMessage());

    Path notExecutable = Files.writeString(root.resolve("script.sh"), "echo hi\n");
    ContainerStartException denied = startFailure(pod("nosuch", null), container("c", notExecutable.toString()));
    assertEquals("RunContainerError", denied.reason());
    assertTrue(denied.getMessage().endsWith("permission denied"), denied.getMessage());
    assertEquals(null, runtime.logs().log("default", "nosuch", "c", false), "a failed start has no log");
  }

  @Test
  void aRestartedAgentStartsAFreshProcessInsteadOfAdoptingOne() throws Exception {
    Pod pod = pod("fresh", null);
    ContainerStatus runningBefore = new ContainerStatus("c",
        new ContainerState(null, new ContainerStateRunning("2025-01-01T00:00:00Z"), null), null, true, 0, null, null,
        "process://1", true);
    Pod claimsRunning = pod.withStatus(new PodStatus("Running", null, null, null, null, null, null,
        List.of(runningBefore)));
    RunningContainer c = start(claimsRunning, container("c", "sh", "-c", "echo fresh"));
    assertNotEquals("process://1", c.containerId());
    assertEquals(0, exitCode(c));
    assertEquals(List.of("fresh"), lines("fresh", "c"));
  }

  // ---- stopping -----------------------------------------------------------------------------

  @Test
  void stopSendsSigtermThatAProcessMayHandleOrDieOf() throws Exception {
    RunningContainer trapping = start(pod("trap", null), container("c", "sh", "-c",
        "trap 'echo got TERM; exit 7' TERM; echo ready; while :; do sleep 0.1; done"));
    awaitLine("trap", "c", "ready");
    trapping.stop(30);
    assertEquals(7, exitCode(trapping));
    assertTrue(lines("trap", "c").contains("got TERM"));

    RunningContainer plain = start(pod("plain", null), container("c", "sleep", "300"));
    long t0 = System.nanoTime();
    plain.stop(30);
    assertEquals(143, exitCode(plain));
    assertTrue(elapsed(t0).compareTo(Duration.ofSeconds(5)) < 0, "SIGTERM ended it, not the grace period");
  }

  @Test
  void aProcessThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
    RunningContainer stubborn = start(pod("stubborn", null), container("c", "sh", "-c",
        "trap '' TERM; echo ready; while :; do sleep 0.1; done"));
    awaitLine("stubborn", "c", "ready");
    long t0 = System.nanoTime();
    stubborn.stop(1);
    assertEquals(137, exitCode(stubborn));
    Duration took = elapsed(t0);
    assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "killed only after the grace period: " + took);
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "killed soon after the grace period: " + took);
  }

  @Test
  void stopDoesNotBlockTheCaller() throws Exception {
    RunningContainer stubborn = start(pod("quick", null), container("c", "sh", "-c",
        "trap '' TERM; echo ready; while :; do sleep 0.1; done"));
    awaitLine("quick", "c", "ready");
    long t0 = System.nanoTime();
    stubborn.stop(3);
    assertTrue(elapsed(t0).compareTo(Duration.ofMillis(500)) < 0, "stop returned at once");
    assertFalse(stubborn.exited().toCompletableFuture().isDone());
    stubborn.stop(0);
    assertEquals(137, exitCode(stubborn), "a shorter grace period asked later wins");
  }

  @Test
  void stopKillsTheWholeProcessGroupOfAShell() throws Exception {
    // The child ignores SIGTERM, so only the SIGKILL of the container's session removes it.
    RunningContainer shell = start(pod("group", null), container("c", "sh", "-c",
        "(trap '' TERM; exec sleep 300) & echo child $!; wait"));
    long child = Long.parseLong(awaitLine("group", "c", "child ").substring("child ".length()).trim());
    long shellPid = pid(shell);
    ProcTable.Stat stat = ProcTable.stat(child).orElseThrow();
    assertEquals(shellPid, stat.session(), "the container is a session of its own");
    assertEquals(shellPid, stat.processGroup(), "and a process group of its own");
    assertTrue(ProcTable.alive(child));

    shell.stop(5);
    assertEquals(143, exitCode(shell));
    awaitGone(child, Duration.ofSeconds(5));
  }

  @Test
  void whenTheFirstProcessExitsItsChildrenGoToo() throws Exception {
    RunningContainer shell = start(pod("leaver", null), container("c", "sh", "-c",
        "sleep 300 & echo child $!; exit 0"));
    assertEquals(0, exitCode(shell));
    long child = Long.parseLong(awaitLine("leaver", "c", "child ").substring("child ".length()).trim());
    awaitGone(child, Duration.ofSeconds(5));
  }

  // ---- log files ----------------------------------------------------------------------------

  @Test
  void logFilesRotateBySize() throws Exception {
    runtime.close();
    runtime = new ProcessRuntime(ProcessRuntime.Settings.of(root, "node-1").withLogFiles(200, 1), new LogStore(1000));
    Pod pod = pod("chatty", null);
    RunningContainer c = start(pod, container("c", "sh", "-c",
        "i=1; while [ $i -le 50 ]; do echo \"line $i\"; i=$((i+1)); done"));
    assertEquals(0, exitCode(c));
    assertEquals(50, lines("chatty", "c").size(), "the log store keeps every line");

    Path current = runtime.logFile(pod, "c");
    Path rotated = RotatingLogFile.rotated(current, 1);
    assertTrue(Files.exists(rotated));
    assertFalse(Files.exists(RotatingLogFile.rotated(current, 2)), "only one rotated file is kept");
    assertTrue(Files.size(current) <= 200, "current " + Files.size(current));
    assertTrue(Files.size(rotated) <= 200, "rotated " + Files.size(rotated));
    List<String> last = Files.readAllLines(current);
    assertTrue(last.get(last.size() - 1).endsWith(" line 50"), last.toString());
    List<String> before = Files.readAllLines(rotated);
    String lastRotated = before.get(before.size() - 1);
    int n = Integer.parseInt(lastRotated.substring(lastRotated.lastIndexOf(' ') + 1));
    assertTrue(last.get(0).endsWith(" line " + (n + 1)), "the files continue each other");
  }

  @Test
  void aRestartedContainerKeepsItsPreviousLog() throws Exception {
    Pod pod = pod("again", null);
    assertEquals(0, exitCode(start(pod, container("c", "sh", "-c", "echo first"))));
    assertEquals(0, exitCode(start(pod, container("c", "sh", "-c", "echo second"))));
    assertEquals(List.of("second"), lines("again", "c"));
    assertEquals(List.of("first"), text(runtime.logs().log("default", "again", "c", true)));
    List<String> file = Files.readAllLines(runtime.logFile(pod, "c"));
    assertEquals(2, file.size(), "the log file continues across instances");
  }

  // ---- no orphans ---------------------------------------------------------------------------

  @Test
  void closeKillsEverythingAndLaterStartsFail() throws Exception {
    RunningContainer c = start(pod("closing", null), container("c", "sleep", "300"));
    long pid = pid(c);
    runtime.close();
    assertEquals(137, exitCode(c));
    assertFalse(ProcTable.alive(pid));
    ContainerStartException e = startFailure(pod("late", null), container("c", "sleep", "1"));
    assertEquals("RunContainerError", e.reason());
    runtime = null;
  }

  @Test
  void twoRuntimesCannotShareARootDirectory() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new ProcessRuntime(ProcessRuntime.Settings.of(root, "node-1"), new LogStore(10)));
    assertTrue(e.getMessage().contains("another process runtime"), e.getMessage());
  }

  @Test
  void aNewRuntimeKillsWhatAPreviousRunLeftButNotAProcessThatReusedItsPid() throws Exception {
    runtime.close();
    runtime = null;
    Path leftRoot = root.resolve("left");
    // Two sessions as a previous run would have left them: one recorded truly, one whose start
    // time does not match (as if its pid had been reused by an unrelated process since).
    Process leftover = stray("setsid", "sleep", "300");
    Process unrelated = stray("setsid", "sleep", "300");
    awaitTrue(() -> commandIs(leftover.pid(), "sleep") && commandIs(unrelated.pid(), "sleep"),
        Duration.ofSeconds(5), "the strays run sleep");
    try (ProcessLedger previous = new ProcessLedger(leftRoot)) {
      previous.add(new ProcessLedger.Entry(leftover.pid(), ProcTable.stat(leftover.pid()).orElseThrow().startTicks(),
          "default/old/c"));
      previous.add(new ProcessLedger.Entry(unrelated.pid(),
          ProcTable.stat(unrelated.pid()).orElseThrow().startTicks() + 1, "default/older/c"));
    }
    runtime = new ProcessRuntime(ProcessRuntime.Settings.of(leftRoot, "node-1"), new LogStore(10));
    awaitGone(leftover.pid(), Duration.ofSeconds(5));
    assertTrue(ProcTable.alive(unrelated.pid()), "a process that only shares a pid is left alone");
  }

  @Test
  void processesDieWithTheirJvmEvenOnKillDashNine() throws Exception {
    Path jvmRoot = root.resolve("jvm");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        OrphanCheckMain.class.getName(), jvmRoot.toString())
        .redirectErrorStream(true)
        .start();
    strays.add(jvm);
    List<Long> pids = readPids(jvm);
    assertEquals(3, pids.size(), pids.toString());
    for (long pid : pids) {
      assertTrue(ProcTable.alive(pid), "pid " + pid + " runs after the thread that started it ended");
    }

    jvm.destroyForcibly();
    assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
    long t0 = System.nanoTime();
    for (long pid : pids) {
      awaitGone(pid, Duration.ofSeconds(5).minus(elapsed(t0)));
    }

    // The next run on the same root finds nothing of the old one and starts fresh.
    try (ProcessRuntime next = new ProcessRuntime(ProcessRuntime.Settings.of(jvmRoot, "orphan-node"), new LogStore(10))) {
      RunningContainer c = next.start(pod("after", null), container("c", "sh", "-c", "echo again"))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(0, c.exited().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Pod pod(String name, String podIp) {
    PodStatus status = podIp == null ? null : new PodStatus("Pending", null, null, null, "127.0.0.1", podIp, null, null);
    return new Pod(Pod.API_VERSION, Pod.KIND, ObjectMeta.named("default", name),
        new PodSpec(List.of(), "node-1", null, null, null, "Always", null, null, null), status);
  }

  private static Container container(String name, String... command) {
    return new Container(name, null, Arrays.asList(command), null, null, null, null, null, null, null, null, null);
  }

  private RunningContainer start(Pod pod, Container container) throws Exception {
    return runtime.start(pod, container).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private ContainerStartException startFailure(Pod pod, Container container) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> runtime.start(pod, container).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS));
    return assertInstanceOf(ContainerStartException.class, e.getCause());
  }

  private static int exitCode(RunningContainer c) throws Exception {
    return c.exited().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static long pid(RunningContainer c) {
    return Long.parseLong(c.containerId().substring("process://".length()));
  }

  private List<String> lines(String pod, String container) {
    return text(runtime.logs().log("default", pod, container, false));
  }

  private static List<String> text(ContainerLog log) {
    assertNotNull(log);
    return log.after(0).stream().map(ContainerLog.Line::text).collect(Collectors.toList());
  }

  /** The first line of the container's current log that starts with {@code prefix}. */
  private String awaitLine(String pod, String container, String prefix) {
    Supplier<Optional<String>> find = () -> {
      ContainerLog log = runtime.logs().log("default", pod, container, false);
      return log == null ? Optional.empty()
          : log.after(0).stream().map(ContainerLog.Line::text).filter(t -> t.startsWith(prefix)).findFirst();
    };
    awaitTrue(() -> find.get().isPresent(), WAIT, "a line starting with \"" + prefix + "\"");
    return find.get().orElseThrow();
  }

  private static void awaitGone(long pid, Duration within) {
    awaitTrue(() -> !ProcTable.alive(pid), within, "pid " + pid + " gone");
  }

  private static void awaitTrue(BooleanSupplier condition, Duration within, String what) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within + ": " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private static Duration elapsed(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private Process stray(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    strays.add(p);
    return p;
  }

  private static boolean commandIs(long pid, String name) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/comm")).trim().equals(name);
    } catch (Exception e) {
      return false;
    }
  }

  /** Reads the helper JVM's output until its "pids" line (bounded by a deadline). */
  private static List<Long> readPids(Process jvm) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    var reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          seen.add(line);
          if (line.startsWith("pids ")) {
            return line;
          }
        }
        return null;
      } catch (Exception e) {
        return null;
      }
    });
    String line = reader.get(30, TimeUnit.SECONDS);
    assertNotNull(line, "the helper JVM printed no pids: " + seen);
    List<Long> pids = new ArrayList<>();
    for (String p : line.substring("pids ".length()).trim().split(" ")) {
      pids.add(Long.parseLong(p));
    }
    // Keep draining, so a chatty JVM never blocks on a full pipe.
    java.util.concurrent.CompletableFuture.runAsync(() -> {
      try {
        while (out.readLine() != null) {
          // discard
        }
      } catch (Exception e) {
        // the JVM is gone
      }
    });
    return pids;
  }
}
