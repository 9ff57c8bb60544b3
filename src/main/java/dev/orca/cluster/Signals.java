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
}
