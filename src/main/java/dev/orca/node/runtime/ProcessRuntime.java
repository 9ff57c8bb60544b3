package dev.orca.node.runtime;

import dev.orca.boot.FileTrees;
import dev.orca.model.Container;
import dev.orca.model.Pod;
import dev.orca.node.network.LoopbackNetwork;
import dev.orca.node.network.PodNetwork;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each container's {@code command} + {@code args} as a process of this machine.
 *
 * <p>Under its root directory the runtime keeps {@code pods/<namespace>_<pod>[_<uid>]/} (the
 * default working directory, shared by the pod's containers), {@code logs/<namespace>_<pod>[_<uid>]/<container>.log}
 * (merged stdout/stderr, timestamped, rotated by size), the ledger of running processes and a lock.
 *
 * <p>No process outlives the runtime: each container is spawned through {@code setpriv
 * --pdeathsig KILL} from one long-lived launcher thread and in a session of its own
 * ({@code setsid}), so it gets SIGKILL when the JVM dies; a watchdog process SIGKILLs the
 * containers' process groups when the JVM dies; the next runtime on the same root kills what a
 * previous run left (pid and start time must both match); {@link #close()} and a shutdown hook
 * kill everything. Containers are never adopted across runs: every start is a fresh process.
 *
 * <p>Each pod's containers run in the sandbox its {@link PodNetwork} makes (a network namespace,
 * or the host's network with a loopback address of its own) and see its address as {@code POD_IP}.
 */
public final class ProcessRuntime implements ContainerRuntime, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProcessRuntime.class);
  private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final List<String> INHERITED = List.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG",
      "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR");

  /**
   * How the runtime runs.
   *
   * @param rootDir where working directories, log files and the process ledger live
   * @param nodeName the node's name ({@code NODE_NAME}); null takes the pod's {@code spec.nodeName}
   * @param logFileMaxBytes a container's log file rotates when it would grow past this
   * @param rotatedLogFiles how many rotated files ({@code .log.1}, ...) are kept
   * @param baseEnvironment what every container's environment starts from
   * @param logDrainTimeout how long, after a container's process ended, {@link RunningContainer#exited()}
   *     waits for the rest of its output before it completes anyway
   * @param cgroups whether memory limits may use cgroup v2 (when the machine allows); else, or when
   *     it does not, the runtime's own watch enforces them
   * @param memoryWatchInterval how often that watch compares each limited container's resident set
   *     with its limit
   */
  public record Settings(Path rootDir, String nodeName, long logFileMaxBytes, int rotatedLogFiles,
      Map<String, String> baseEnvironment, Duration logDrainTimeout, boolean cgroups, Duration memoryWatchInterval) {

    /** 10 MiB log files, one rotated file kept, the base environment picked from this JVM's, cgroups if possible. */
    public static Settings of(Path rootDir, String nodeName) {
      return new Settings(rootDir, nodeName, 10L * 1024 * 1024, 1, defaultBaseEnvironment(), Duration.ofSeconds(2),
          true, Duration.ofMillis(500));
    }

    public Settings withLogFiles(long maxBytes, int rotated) {
      return new Settings(rootDir, nodeName, maxBytes, rotated, baseEnvironment, logDrainTimeout, cgroups,
          memoryWatchInterval);
    }

    public Settings withBaseEnvironment(Map<String, String> environment) {
      return new Settings(rootDir, nodeName, logFileMaxBytes, rotatedLogFiles, environment, logDrainTimeout, cgroups,
          memoryWatchInterval);
    }

    /** Memory limits through cgroup v2 ({@code true}, where possible) or only the runtime's watch. */
    public Settings withMemoryLimits(boolean useCgroups, Duration watchInterval) {
      return new Settings(rootDir, nodeName, logFileMaxBytes, rotatedLogFiles, baseEnvironment, logDrainTimeout,
          useCgroups, watchInterval);
    }

    /**
     * PATH, HOME, user and locale variables from this JVM's environment (PATH defaulting to the
     * usual directories); nothing else of the agent's environment (its credentials, say) leaks in.
     */
    public static Map<String, String> defaultBaseEnvironment() {
      Map<String, String> env = new LinkedHashMap<>();
      for (String name : INHERITED) {
        String value = System.getenv(name);
        if (value != null) {
          env.put(name, value);
        }
      }
      env.putIfAbsent("PATH", DEFAULT_PATH);
      return env;
    }
  }

  private final Settings settings;
  private final LogStore logs;
  private final PodNetwork network;
  private final ExecutorService networkThread = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "orca-pod-network");
    thread.setDaemon(true);
    return thread;
  });
  private final ContainerEnvSources envSources;
  private final ProcessLedger ledger;
  private final Launcher launcher = new Launcher("orca-process-launcher");
  private final ScheduledExecutorService timer;
  private final Executor callbacks = ForkJoinPool.commonPool();
  private final List<String> deathSignalPrefix;
  private final List<String> sessionPrefix;
  private final boolean sessions;
  private final OrphanWatchdog watchdog;
  private final Map<Long, ProcessContainer> running = new ConcurrentHashMap<>();
  private final Map<Path, RotatingLogFile> logFiles = new ConcurrentHashMap<>();
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** cgroup v2 for memory limits, when the machine allows it; null: the memory watch enforces them. */
  private final CgroupV2 cgroups;
  private final ScheduledExecutorService memoryWatch;
  private final MachineUsage machine = new MachineUsage();
  private long lastSampleNanos = System.nanoTime();

  /** A runtime whose pods' IP is their {@code status.podIP}, or 127.0.0.1 while they have none. */
  public ProcessRuntime(Settings settings, LogStore logs) {
    this(settings, logs, ProcessRuntime::statusPodIp);
  }

  /**
   * A runtime that asks {@code podIp} for the IP a pod's containers see as {@code POD_IP} (and
   * {@code status.podIP} in a fieldRef) — the node's pod network knows it before the pod's status does.
   *
   * @throws IllegalStateException when another runtime holds the root directory
   */
  public ProcessRuntime(Settings settings, LogStore logs, Function<Pod, String> podIp) {
    this(settings, logs, new LoopbackNetwork(podIp), ContainerEnvSources.NONE);
  }

  /** A runtime whose pods get their address and sandbox from {@code network}, with no ConfigMaps or Secrets. */
  public ProcessRuntime(Settings settings, LogStore logs, PodNetwork network) {
    this(settings, logs, network, ContainerEnvSources.NONE);
  }

  /**
   * A runtime whose pods get their address and sandbox from {@code network}: each container
   * starts inside its pod's sandbox (made before the pod's first container starts), and
   * {@link #podRemoved} tears the sandbox down; the caller keeps and closes the network. Its
   * containers' {@code configMapKeyRef}, {@code secretKeyRef} and {@code envFrom} read from
   * {@code envSources} (the node's watch cache), on the launcher thread, without blocking.
   *
   * @throws IllegalStateException when another runtime holds the root directory
   */
  public ProcessRuntime(Settings settings, LogStore logs, PodNetwork network, ContainerEnvSources envSources) {
    this.settings = settings;
    this.logs = logs;
    this.network = network;
    this.envSources = envSources;
    this.ledger = new ProcessLedger(settings.rootDir());
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "orca-process-signals");
      thread.setDaemon(true);
      return thread;
    });
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    try {
      killPreviousRun();
      String setsid = executable("setsid");
      String setpriv = executable("setpriv");
      this.sessions = setsid != null && ProcTable.available();
      if (setpriv != null && supportsPdeathsig(setpriv)) {
        this.deathSignalPrefix = List.of(setpriv, "--pdeathsig", "KILL", "--");
      } else {
        this.deathSignalPrefix = List.of();
        log.warn("setpriv --pdeathsig is not available: container processes rely on the watchdog to die with the JVM");
      }
      if (setsid != null) {
        this.sessionPrefix = List.of(setsid, "--");
      } else {
        this.sessionPrefix = List.of();
        log.warn("setsid is not available: a container's child processes are not grouped and may outlive it");
      }
      this.watchdog = OrphanWatchdog.start(ledger.file(), setsid);
    } catch (RuntimeException e) {
      launcher.close();
      timer.shutdown();
      networkThread.shutdown();
      ledger.close();
      throw e;
    }
    this.cgroups = settings.cgroups() ? CgroupV2.detect(settings.nodeName()).orElse(null) : null;
    this.memoryWatch = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "orca-process-memory-watch");
      thread.setDaemon(true);
      return thread;
    });
    long every = Math.max(50, settings.memoryWatchInterval().toMillis());
    memoryWatch.scheduleWithFixedDelay(this::watchMemory, every, every, TimeUnit.MILLISECONDS);
    this.shutdownHook = new Thread(this::killAll, "orca-process-runtime-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  @Override
  public String podIp(Pod pod) {
    return network.podIp(pod);
  }

  @Override
  public List<String> execPrefix(Pod pod) {
    return network.enterPrefix(pod);
  }

  /** The pod network the containers run in. */
  public PodNetwork network() {
    return network;
  }

  /** Off the caller's thread: {@link #removePod}. */
  @Override
  public void podRemoved(Pod pod) {
    try {
      networkThread.execute(() -> {
        try {
          removePod(pod);
        } catch (RuntimeException e) {
          log.warn("cannot remove pod {}/{}: {}", pod.metadata().namespace(), pod.metadata().name(), e.toString());
        }
      });
    } catch (RejectedExecutionException e) {
      // closed: the network's close removes the sandboxes
    }
  }

  /** Chaos: SIGKILL to the processes of the pod's running containers (one, or all with {@code container} null), off the caller's thread. */
  @Override
  public int crash(String namespace, String pod, String container) {
    int hit = 0;
    for (ProcessContainer c : running.values()) {
      if (c.identity.namespace().equals(namespace) && c.identity.pod().equals(pod)
          && (container == null || container.equals(c.identity.container())) && c.process.isAlive()) {
        try {
          timer.execute(c::kill);
          hit++;
        } catch (RejectedExecutionException e) {
          // the runtime closed: it killed everything
        }
      }
    }
    return hit;
  }

  @Override
  public LogStore logs() {
    return logs;
  }

  /** The log file of a container of the pod (its rotated predecessors end in {@code .1}, {@code .2}, ...). */
  public Path logFile(Pod pod, String container) {
    return settings.rootDir().resolve("logs").resolve(podDirName(pod)).resolve(safe(container) + ".log");
  }

  /** The pod's default working directory. */
  public Path podDirectory(Pod pod) {
    return settings.rootDir().resolve("pods").resolve(podDirName(pod));
  }

  /**
   * The pod is gone: its sandbox is torn down (its address freed), its working directory and log
   * files are deleted. Its containers must have ended. Blocks while the network runs its commands.
   */
  public void removePod(Pod pod) {
    network.tearDown(pod);
    Path logDir = settings.rootDir().resolve("logs").resolve(podDirName(pod));
    logFiles.entrySet().removeIf(e -> {
      if (e.getKey().startsWith(logDir)) {
        closeQuietly(e.getValue());
        return true;
      }
      return false;
    });
    deleteTree(logDir);
    deleteTree(podDirectory(pod));
  }

  @Override
  public CompletionStage<RunningContainer> start(Pod pod, Container container) {
    CompletableFuture<RunningContainer> result = new CompletableFuture<>();
    try {
      // the pod's sandbox first, on the network's thread (its commands may take a while) ...
      networkThread.execute(() -> {
        List<String> sandbox;
        try {
          sandbox = network.setUp(pod);
        } catch (RuntimeException e) {
          ContainerStartException failure = e instanceof ContainerStartException cse ? cse
              : new ContainerStartException(ContainerStartException.CREATE_POD_SANDBOX_ERROR, String.valueOf(e.getMessage()), e);
          callbacks.execute(() -> result.completeExceptionally(failure));
          return;
        }
        // ... then the process, on the launcher thread
        try {
          launcher.execute(() -> launchInto(result, pod, container, sandbox));
        } catch (RejectedExecutionException e) {
          result.completeExceptionally(closedFailure());
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(closedFailure());
    }
    return result;
  }

  private void launchInto(CompletableFuture<RunningContainer> result, Pod pod, Container container, List<String> sandbox) {
    try {
      ProcessContainer started = launch(pod, container, sandbox);
      callbacks.execute(() -> result.complete(started));
    } catch (ContainerStartException e) {
      callbacks.execute(() -> result.completeExceptionally(e));
    } catch (RuntimeException e) {
      ContainerStartException failure = new ContainerStartException(ContainerStartException.RUN_CONTAINER_ERROR,
          String.valueOf(e.getMessage()), e);
      callbacks.execute(() -> result.completeExceptionally(failure));
    }
  }

  /**
   * On the launcher thread: everything from the spec to a running, recorded process. The process
   * is {@code setpriv --pdeathsig KILL -- <sandbox prefix> setsid -- command}: each of these execs
   * the next in the same process (nsenter only enters the pod's network namespace, it does not
   * fork), so the parent-death signal and the session are the container's own and its pid is
   * the one recorded.
   */
  private ProcessContainer launch(Pod pod, Container container, List<String> sandbox) {
    if (closed.get()) {
      throw closedFailure();
    }
    String namespace = pod.metadata().namespace();
    String podName = pod.metadata().name();
    String name = container.name();
    if (container.command() == null || container.command().isEmpty()) {
      throw new ContainerStartException(ContainerStartException.CREATE_CONTAINER_CONFIG_ERROR,
          "container \"" + name + "\" has no command: the process runtime runs commands, not images");
    }
    String node = settings.nodeName() != null ? settings.nodeName() : pod.spec().nodeName();
    String ip = network.podIp(pod);
    ContainerEnvironment.PodFields fields = new ContainerEnvironment.PodFields(pod,
        ip == null || ip.isEmpty() ? "127.0.0.1" : ip, node == null ? "" : node);
    ContainerEnvironment.Resolved resolved = ContainerEnvironment.resolve(settings.baseEnvironment(), container, fields,
        envSources);
    Map<String, String> env = resolved.variables();
    List<String> command = ContainerEnvironment.expand(container.command(), env);
    List<String> args = ContainerEnvironment.expand(container.args(), env);
    Path workDir = workingDirectory(pod, container);
    if (network.enterPrefix(pod).isEmpty()) {
      PortCheck.requireFree(container, fields.podIp()); // a pod in its own network namespace owns all its ports
    }
    String executable = Executables.resolve(command.get(0), env.get("PATH"), workDir);

    List<String> containerArgv = new ArrayList<>();
    containerArgv.add(executable);
    containerArgv.addAll(command.subList(1, command.size()));
    containerArgv.addAll(args);
    long memoryLimit = memoryLimit(container);
    Path cgroup = null;
    if (cgroups != null && memoryLimit > 0) {
      try {
        cgroup = cgroups.create(namespace + "_" + podName + "_" + name, memoryLimit);
      } catch (IOException | RuntimeException e) {
        log.warn("no cgroup for {}/{}/{} ({}): its memory limit is enforced by the memory watch", namespace, podName,
            name, e.toString());
      }
    }
    List<String> argv = new ArrayList<>(deathSignalPrefix);
    argv.addAll(sandbox);
    argv.addAll(sessionPrefix);
    argv.addAll(cgroup == null ? containerArgv : CgroupV2.joinCommand(cgroup, containerArgv));
    ProcessBuilder builder = new ProcessBuilder(argv)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(env);

    Path logPath = logFile(pod, name);
    RotatingLogFile file = logFiles.computeIfAbsent(logPath, p -> {
      try {
        return new RotatingLogFile(p, settings.logFileMaxBytes(), settings.rotatedLogFiles());
      } catch (IOException e) {
        throw new ContainerStartException(ContainerStartException.RUN_CONTAINER_ERROR,
            "cannot open log file " + p + ": " + e.getMessage(), e);
      }
    });

    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      if (cgroup != null) {
        CgroupV2.remove(cgroup);
      }
      throw new ContainerStartException(ContainerStartException.RUN_CONTAINER_ERROR,
          "exec: \"" + command.get(0) + "\": " + e.getMessage(), e);
    }
    Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long pid = process.pid();
    try {
      long startTicks = ProcTable.stat(pid).map(ProcTable.Stat::startTicks).orElse(-1L);
      ledger.add(new ProcessLedger.Entry(pid, startTicks, namespace + "/" + podName + "/" + name));
    } catch (RuntimeException e) {
      if (sessions) {
        ProcTable.killSession(pid);
      }
      process.destroyForcibly();
      throw new ContainerStartException(ContainerStartException.RUN_CONTAINER_ERROR, e.getMessage(), e);
    }
    final Path containerCgroup = cgroup;
    ContainerLog containerLog = logs.started(namespace, podName, name);
    LogPump pump = new LogPump(process.getInputStream(), containerLog, file,
        namespace + "/" + podName + "/" + name + "#" + pid).start();
    ProcessContainer started = new ProcessContainer(process, startedAt, pump,
        new ContainerUsage(namespace, podName, name, 0, 0), memoryLimit, containerCgroup, resolved.warnings(), env,
        workDir);
    running.put(pid, started);
    process.onExit().whenCompleteAsync((p, error) -> started.ended(), timer);
    return started;
  }

  private Path workingDirectory(Pod pod, Container container) {
    Path podDir = podDirectory(pod);
    Path dir = container.workingDir() == null || container.workingDir().isEmpty()
        ? podDir : podDir.resolve(container.workingDir());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ContainerStartException(ContainerStartException.RUN_CONTAINER_ERROR,
          "cannot create working directory " + dir + ": " + e.getMessage(), e);
    }
    return dir;
  }

  /** The container's {@code resources.limits.memory} in bytes, or 0 when it has none. */
  static long memoryLimit(Container container) {
    if (container.resources() == null || container.resources().limits() == null) {
      return 0;
    }
    String memory = container.resources().limits().get("memory");
    return memory == null ? 0 : dev.orca.model.Quantity.value(memory);
  }

  /**
   * What each container uses now: CPU from the ticks of its session's processes since the previous
   * sample, memory the sum of their resident sets; and the machine's use. Reads /proc: call it off
   * actor threads.
   */
  @Override
  public synchronized java.util.Optional<UsageSample> sampleUsage() {
    long now = System.nanoTime();
    Instant at = Instant.now();
    List<ProcessContainer> containers = List.copyOf(running.values());
    Map<Long, List<ProcTable.Stat>> members = ProcTable.sessions(
        containers.stream().map(c -> c.pid).collect(java.util.stream.Collectors.toSet()));
    List<ContainerUsage> usage = new ArrayList<>();
    for (ProcessContainer c : containers) {
      List<ProcTable.Stat> procs = processes(c, members);
      long ticks = 0;
      long memory = 0;
      for (ProcTable.Stat p : procs) {
        ticks += p.cpuTicks();
        memory += ProcTable.residentBytes(p.pid());
      }
      if (!procs.isEmpty()) {
        usage.add(new ContainerUsage(c.identity.namespace(), c.identity.pod(), c.identity.container(),
            c.cpu.next(ticks, now), memory));
      }
    }
    Duration window = Duration.ofNanos(Math.max(0, now - lastSampleNanos));
    lastSampleNanos = now;
    return java.util.Optional.of(new UsageSample(at, window, usage, machine.sample(now)));
  }

  /** The live processes of a container: its session's, or only its first process when there are no sessions. */
  private List<ProcTable.Stat> processes(ProcessContainer c, Map<Long, List<ProcTable.Stat>> members) {
    List<ProcTable.Stat> procs = members.get(c.pid);
    if (procs != null) {
      return procs;
    }
    return ProcTable.stat(c.pid).filter(s -> !s.ended()).map(List::of).orElse(List.of());
  }

  /**
   * The watch of memory limits not held by a cgroup: a container whose processes' resident sets
   * add up to more than its limit is killed (SIGKILL to its session), and ends OOMKilled.
   */
  private void watchMemory() {
    try {
      List<ProcessContainer> limited = running.values().stream()
          .filter(c -> c.memoryLimit > 0 && c.cgroup == null && !c.oomKilled).toList();
      if (limited.isEmpty()) {
        return;
      }
      Map<Long, List<ProcTable.Stat>> members = ProcTable.sessions(
          limited.stream().map(c -> c.pid).collect(java.util.stream.Collectors.toSet()));
      for (ProcessContainer c : limited) {
        long memory = processes(c, members).stream().mapToLong(p -> ProcTable.residentBytes(p.pid())).sum();
        if (memory > c.memoryLimit) {
          log.info("{}/{}/{} uses {} bytes, over its memory limit of {}: killing it", c.identity.namespace(),
              c.identity.pod(), c.identity.container(), memory, c.memoryLimit);
          c.oomKill();
        }
      }
    } catch (RuntimeException e) {
      log.warn("memory watch failed: {}", e.toString());
    }
  }

  /** Whether memory limits are held by cgroup v2 here (else by the runtime's watch of resident sets). */
  public boolean usesCgroups() {
    return cgroups != null;
  }

  /** A started process. Its pid is also its session's id (and its process group's). */
  private final class ProcessContainer implements RunningContainer {
    private final Process process;
    private final long pid;
    private final Instant startedAt;
    private final LogPump pump;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean terminating = new AtomicBoolean();
    /** Whose container this is (its usage fields unused). */
    private final ContainerUsage identity;
    private final long memoryLimit;
    private final Path cgroup;
    private final CpuRate cpu;
    private volatile boolean oomKilled;
    private final List<Warning> warnings;
    private final Map<String, String> environment;
    private final Path workDir;

    ProcessContainer(Process process, Instant startedAt, LogPump pump, ContainerUsage identity, long memoryLimit,
        Path cgroup, List<Warning> warnings, Map<String, String> environment, Path workDir) {
      this.process = process;
      this.pid = process.pid();
      this.startedAt = startedAt;
      this.pump = pump;
      this.identity = identity;
      this.memoryLimit = memoryLimit;
      this.cgroup = cgroup;
      this.warnings = warnings;
      this.cpu = new CpuRate(0, System.nanoTime());
      this.environment = Map.copyOf(environment);
      this.workDir = workDir;
    }

    @Override
    public String exitReason() {
      return oomKilled ? "OOMKilled" : null;
    }

    /** Over its memory limit: SIGKILL, and the termination says OOMKilled. */
    void oomKill() {
      oomKilled = true;
      kill();
    }

    @Override
    public List<Warning> warnings() {
      return warnings;
    }

    @Override
    public Map<String, String> environment() {
      return environment;
    }

    @Override
    public String workingDirectory() {
      return workDir.toString();
    }

    @Override
    public String containerId() {
      return "process://" + pid;
    }

    @Override
    public Instant startedAt() {
      return startedAt;
    }

    @Override
    public CompletionStage<Integer> exited() {
      return exit;
    }

    /**
     * SIGTERM to the container's processes now, SIGKILL to what is left after the grace period.
     * Returns at once; a shorter grace period asked later still wins.
     */
    @Override
    public void stop(long gracePeriodSeconds) {
      if (!process.isAlive()) {
        return;
      }
      try {
        if (terminating.compareAndSet(false, true)) {
          timer.execute(this::terminate);
        }
        timer.schedule(this::kill, Math.max(0, gracePeriodSeconds), TimeUnit.SECONDS);
      } catch (RejectedExecutionException e) {
        // the runtime closed: it killed everything
      }
    }

    private void terminate() {
      if (!process.isAlive()) {
        return;
      }
      boolean leaderSignalled = false;
      if (sessions) {
        for (ProcTable.Stat member : ProcTable.session(pid)) {
          ProcessHandle.of(member.pid()).ifPresent(ProcessHandle::destroy);
          leaderSignalled |= member.pid() == pid;
        }
      }
      if (!leaderSignalled) {
        process.destroy();
      }
    }

    /** SIGKILL to every process of the container. */
    @Override
    public void kill() {
      if (sessions) {
        ProcTable.killSession(pid);
      }
      process.destroyForcibly();
    }

    /** On the signals thread, once the first process ended: the rest goes, then exited() completes. */
    void ended() {
      int code = process.exitValue();
      if (sessions) {
        ProcTable.killSession(pid);
      }
      if (cgroup != null) {
        if (CgroupV2.oomKilled(cgroup)) {
          oomKilled = true;
        }
        CgroupV2.remove(cgroup);
      }
      ledger.remove(pid);
      running.remove(pid);
      pump.done()
          .completeOnTimeout(null, settings.logDrainTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .whenCompleteAsync((v, e) -> exit.complete(code), callbacks);
    }
  }

  /** Kills what the ledger says a previous run on this root left running. */
  private void killPreviousRun() {
    for (ProcessLedger.Entry entry : ledger.previousRun()) {
      boolean sameProcessOrGone = ProcTable.stat(entry.pid())
          .map(s -> s.startTicks() == entry.startTicks())
          .orElse(true);
      // A pid is not reused while any process still has it as its session id, so when the first
      // process is gone, a session of that id is still the container's. A live process with that
      // pid but another start time means the session ended long ago and the pid was reused.
      if (sameProcessOrGone && !ProcTable.session(entry.pid()).isEmpty()) {
        log.warn("killing {} (pid {}) left running by a previous run", entry.name(), entry.pid());
        ProcTable.killSession(entry.pid());
      }
    }
    ledger.clear();
  }

  /** SIGKILL to every container; used by close() and the shutdown hook. */
  private void killAll() {
    for (ProcessContainer c : running.values()) {
      c.kill();
    }
  }

  /**
   * Kills every container and waits (a few seconds at most) until they ended, then stops the
   * watchdog and the runtime's threads and releases the root directory.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down; the hook runs anyway
    }
    // After this, no start is in flight: a start queued later sees the runtime closed.
    CompletableFuture<Void> drained = new CompletableFuture<>();
    try {
      launcher.execute(() -> drained.complete(null));
      drained.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("the process launcher did not drain: {}", e.toString());
    }
    List<CompletableFuture<Integer>> exits = new ArrayList<>();
    for (ProcessContainer c : running.values()) {
      c.kill();
      exits.add(c.exit);
    }
    try {
      CompletableFuture.allOf(exits.toArray(new CompletableFuture<?>[0]))
          .get(5 + settings.logDrainTimeout().toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("containers still ending while the process runtime closes: {}", e.toString());
    }
    launcher.close();
    timer.shutdown();
    memoryWatch.shutdownNow();
    networkThread.shutdown();
    ledger.clear();
    if (watchdog != null) {
      watchdog.close();
    }
    ledger.close();
    logFiles.values().forEach(ProcessRuntime::closeQuietly);
    logFiles.clear();
  }

  private static ContainerStartException closedFailure() {
    return new ContainerStartException(ContainerStartException.RUN_CONTAINER_ERROR, "the process runtime is closed");
  }

  private static String statusPodIp(Pod pod) {
    return pod.status() == null ? null : pod.status().podIP();
  }

  private static String podDirName(Pod pod) {
    String uid = pod.metadata().uid();
    return safe(pod.metadata().namespace()) + "_" + safe(pod.metadata().name())
        + (uid == null || uid.isEmpty() ? "" : "_" + safe(uid));
  }

  /** A name as one path segment: never "..", never a separator. */
  private static String safe(String name) {
    String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
  }

  /** The executable's path on this JVM's PATH, or null. */
  private static String executable(String name) {
    try {
      return Executables.resolve(name, System.getenv("PATH") == null ? DEFAULT_PATH : System.getenv("PATH"), Path.of("/"));
    } catch (ContainerStartException e) {
      return null;
    }
  }

  private boolean supportsPdeathsig(String setpriv) {
    CompletableFuture<Boolean> works = new CompletableFuture<>();
    launcher.execute(() -> {
      try {
        Process probe = new ProcessBuilder(setpriv, "--pdeathsig", "KILL", "--", "true")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        works.complete(probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0);
      } catch (IOException | InterruptedException e) {
        works.complete(false);
      }
    });
    try {
      return works.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }

  private static void closeQuietly(RotatingLogFile file) {
    try {
      file.close();
    } catch (IOException e) {
      // nothing more to write there
    }
  }

  private static void deleteTree(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", dir, e.toString());
    }
  }
}
