package dev.orca.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Signals to processes by pid, through kill(1): a member's JVM, a database's processes. */
public final class Signals {
  private Signals() {}

  /** {@code kill -SIGNAL pid}; IllegalStateException when kill fails (no such process, not allowed). */
  public static void send(long pid, String signal) throws IOException, InterruptedException {
    send(List.of(pid), signal);
  }

  /** One {@code kill -SIGNAL pid…} for them all. */
  public static void send(Collection<Long> pids, String signal) throws IOException, InterruptedException {
    if (pids.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(p -> command.add(Long.toString(p)));
    Process kill = new ProcessBuilder(command).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }

  /**
   * SIGSTOP to {@code roots} (first, so that they start no new child) and then to their
   * descendants; returns every pid stopped, for {@link #thaw}.
   */
  public static List<Long> freeze(List<Long> roots) throws IOException, InterruptedException {
    List<Long> stopped = new ArrayList<>();
    send(roots, "STOP");
    stopped.addAll(roots);
    List<Long> descendants = roots.stream().flatMap(r -> ProcessHandle.of(r).stream())
        .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid).toList();
    try {
      send(descendants, "STOP");
    } catch (IOException | RuntimeException e) {
      thaw(stopped); // all or nothing: a half-frozen tree is not the fault asked for
      throw e;
    }
    stopped.addAll(descendants);
    return stopped;
  }

  /** SIGCONT to those of {@code pids} still alive; returns how many. */
  public static int thaw(Collection<Long> pids) throws IOException, InterruptedException {
    List<Long> alive = pids.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).toList();
    send(alive, "CONT");
    return alive.size();
  }
}
