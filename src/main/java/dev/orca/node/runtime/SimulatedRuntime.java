package dev.orca.node.runtime;

import dev.orca.model.Container;
import dev.orca.model.Pod;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import dev.orca.model.ContainerStatus;

/**
 * Containers that only pretend: one "starts" after a configurable delay and runs until it is
 * stopped or told to crash. Many simulated nodes share one JVM, as KWOK's do.
 */
public final class SimulatedRuntime implements ContainerRuntime {
    private final Duration startDelay;
  private final Executor executor;
  private final Map<String, Set<Simulated>> byPod = new ConcurrentHashMap<>();
  private final Set<String> ended = ConcurrentHashMap.newKeySet();

  private final LogStore logs;

  public SimulatedRuntime(Duration startDelay, Executor executor, LogStore logs) {
    this.startDelay = startDelay;
    this.executor = executor;
    this.logs = logs;
  }

  @Override
  public boolean runsProbes() {
    return false;
  }

  @Override
  public LogStore logs() {
    return logs;
  }

  @Override
  public CompletionStage<RunningContainer> start(Pod pod, Container container) {
    String podKey = pod.metadata().namespace() + "/" + pod.metadata().name();
    ContainerStatus previous = runningStatus(pod, container.name());
    if (previous != null) {
      Simulated adopted = new Simulated(previous.containerID(), podKey, container.name(), Instant.parse(previous.state().running().startedAt()));
      byPod.computeIfAbsent(podKey, k -> ConcurrentHashMap.newKeySet()).add(adopted);
      logs.started(pod.metadata().namespace(), pod.metadata().name(), container.name())
          .append("orca simulated container " + container.name() + " adopted after its agent restarted");
      return CompletableFuture.completedFuture(adopted);
    }
    Simulated running = new Simulated("sim://" + UUID.randomUUID(), podKey, container.name(), null);
    Executor delayed = CompletableFuture.delayedExecutor(startDelay.toMillis(), TimeUnit.MILLISECONDS, executor);
    return CompletableFuture.supplyAsync(() -> {
      ContainerLog log = logs.started(pod.metadata().namespace(), pod.metadata().name(), container.name());
      log.append("orca simulated container " + container.name() + " started from image " + container.image());
      log.append("pod " + pod.metadata().namespace() + "/" + pod.metadata().name() + " on node " + pod.spec().nodeName());
      log.append("ready to serve (simulated)");
      running.log = log;
      byPod.computeIfAbsent(podKey, k -> ConcurrentHashMap.newKeySet()).add(running);
      return running;
    }, delayed);
  }

  /** The status of a simulated container of this pod that is running and not known to have ended. */
  private ContainerStatus runningStatus(Pod pod, String name) {
    if (pod.status() == null || pod.status().containerStatuses() == null) {
      return null;
    }
    for (ContainerStatus s : pod.status().containerStatuses()) {
      if (name.equals(s.name()) && s.containerID() != null && s.containerID().startsWith("sim://")
          && s.state() != null && s.state().running() != null && !ended.contains(s.containerID())) {
        return s;
      }
    }
    return null;
  }

  /** Makes every running container of the pod exit with code 1; returns how many crashed. */
  public int crash(String namespace, String podName) {
    return crash(namespace, podName, null);
  }

  /** Makes the pod's running container of that name (every one: null) exit with code 1; returns how many crashed. */
  @Override
  public int crash(String namespace, String podName, String container) {
    Set<Simulated> containers = byPod.getOrDefault(namespace + "/" + podName, Set.of());
    int crashed = 0;
    for (Simulated c : containers) {
      if ((container == null || container.equals(c.container)) && c.end(1)) {
        crashed++;
      }
    }
    return crashed;
  }

  private final class Simulated implements RunningContainer {
    private final String id;
    private final String podKey;
    private final String container;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Instant startedAt;
    /** Its log, once started (an adopted container's is written by its first incarnation). */
    private volatile ContainerLog log;

    Simulated(String id, String podKey, String container, Instant startedAt) {
      this.container = container;
      this.id = id;
      this.podKey = podKey;
      this.startedAt = startedAt != null ? startedAt : Instant.now().truncatedTo(ChronoUnit.SECONDS);
      exit.whenComplete((code, error) -> ended.add(id));
      exit.whenComplete((code, error) -> byPod.computeIfPresent(podKey, (k, set) -> {
        set.remove(this);
        return set.isEmpty() ? null : set;
      }));
    }

    @Override
    public String containerId() {
      return id;
    }

    @Override
    public Instant startedAt() {
      return startedAt;
    }

    @Override
    public CompletionStage<Integer> exited() {
      return exit;
    }

    @Override
    public void stop(long gracePeriodSeconds) {
      end(0);
    }

    /**
     * Writes the container's last line, then ends it: whoever waits for the exit (its runner, and
     * through it the pod's deletion and a `logs -f` that ends with the pod) finds the line written.
     */
    private synchronized boolean end(int code) {
      if (exit.isDone()) {
        return false;
      }
      ContainerLog l = log;
      if (l != null) {
        l.append(code == 0 ? "received SIGTERM, exiting" : "crashed with exit code " + code);
      }
      return exit.complete(code);
    }
  }
}
