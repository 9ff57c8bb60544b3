package dev.orca.node.runtime;

import dev.orca.model.Container;
import dev.orca.model.Pod;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
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
   */
  public record Settings(Path rootDir, String nodeName, long logFileMaxBytes, int rotatedLogFiles,
      Map<String, String> baseEnvironment, Duration logDrainTimeout) {

    /** 10 MiB log files, one rotated file kept, the base environment picked from this JVM's. */
    public static Settings of(Path rootDir, String nodeName) {
      return new Settings(rootDir, nodeName, 10L * 1024 * 1024, 1, defaultBaseEnvironment(), Duration.ofSeconds(2));
    }

    public Settings withLogFiles(long maxBytes, int rotated) {
      return new Settings(rootDir, nodeName, maxBytes, rotated, baseEnvironment, logDrainTimeout);
    }

    public Settings withBaseEnvironment(Map<String, String> environment) {
      return new Settings(rootDir, nodeName, logFileMaxBytes, rotatedLogFiles, environment, logDrainTimeout);
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
  private final Function<Pod, String> podIp;
  private final ProcessLedger ledger;
  private final Launcher launcher = new Launcher("orca-process-launcher");
  private final ScheduledExecutorService timer;
  private final Executor callbacks = ForkJoinPool.commonPool();
  private final List<String> launchPrefix;
  private final boolean sessions;
  private final OrphanWatchdog watchdog;
  private final Map<Long, ProcessContainer> running = new ConcurrentHashMap<>();
  private final Map<Path, RotatingLogFile> logFiles = new ConcurrentHashMap<>();
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

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
    this.settings = settings;
    this.logs = logs;
    this.podIp = podIp;
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
      List<String> prefix = new ArrayList<>();
      if (setpriv != null && supportsPdeathsig(setpriv)) {
        prefix.addAll(List.of(setpriv, "--pdeathsig", "KILL", "--"));
      } else {
        log.warn("setpriv --pdeathsig is not available: container processes rely on the watchdog to die with the JVM");
      }
      if (setsid != null) {
        prefix.addAll(List.of(setsid, "--"));
      } else {
        log.warn("setsid is not available: a container's child processes are not grouped and may outlive it");
      }
      this.launchPrefix = List.copyOf(prefix);
      this.watchdog = OrphanWatchdog.start(ledger.file(), setsid);
    } catch (RuntimeException e) {
      launcher.close();
      timer.shutdown();
      ledger.close();
      throw e;
    }
    this.shutdownHook = new Thread(this::killAll, "orca-process-runtime-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  @Override
  public String podIp(Pod pod) {
    return podIp.apply(pod);
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

  /** The pod is gone: its working directory and log files are deleted. Its containers must have ended. */
  public void removePod(Pod pod) {
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
      launcher.execute(() -> {
        try {
          ProcessContainer started = launch(pod, container);
          callbacks.execute(() -> result.complete(started));
        } catch (ContainerStartException e) {
          callbacks.execute(() -> result.completeExceptionally(e));
        } catch (RuntimeException e) {
          ContainerStartException failure = new ContainerStartException(ContainerStartException.RUN_CONTAINER_ERROR,
              String.valueOf(e.getMessage()), e);
          callbacks.execute(() -> result.completeExceptionally(failure));
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(closedFailure());
    }
    return result;
  }

  /** On the launcher thread: everything from the spec to a running, recorded process. */
  private ProcessContainer launch(Pod pod, Container container) {
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
    String ip = podIp.apply(pod);
    ContainerEnvironment.PodFields fields = new ContainerEnvironment.PodFields(pod,
        ip == null || ip.isEmpty() ? "127.0.0.1" : ip, node == null ? "" : node);
    Map<String, String> env = ContainerEnvironment.build(settings.baseEnvironment(), container, fields);
    List<String> command = ContainerEnvironment.expand(container.command(), env);
    List<String> args = ContainerEnvironment.expand(container.args(), env);
    Path workDir = workingDirectory(pod, container);
    PortCheck.requireFree(container, fields.podIp());
    String executable = Executables.resolve(command.get(0), env.get("PATH"), workDir);

    List<String> argv = new ArrayList<>(launchPrefix);
    argv.add(executable);
    argv.addAll(command.subList(1, command.size()));
    argv.addAll(args);
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
    ContainerLog containerLog = logs.started(namespace, podName, name);
    LogPump pump = new LogPump(process.getInputStream(), containerLog, file,
        namespace + "/" + podName + "/" + name + "#" + pid).start();
    ProcessContainer started = new ProcessContainer(process, startedAt, pump, env, workDir);
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

  /** A started process. Its pid is also its session's id (and its process group's). */
  private final class ProcessContainer implements RunningContainer {
    private final Process process;
    private final long pid;
    private final Instant startedAt;
    private final LogPump pump;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean terminating = new AtomicBoolean();
    private final Map<String, String> environment;
    private final Path workDir;

    ProcessContainer(Process process, Instant startedAt, LogPump pump, Map<String, String> environment, Path workDir) {
      this.process = process;
      this.pid = process.pid();
      this.startedAt = startedAt;
      this.pump = pump;
      this.environment = Map.copyOf(environment);
      this.workDir = workDir;
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
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", dir, e.toString());
    }
  }
}
