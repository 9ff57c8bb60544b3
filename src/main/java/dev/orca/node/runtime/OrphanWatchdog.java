package dev.orca.node.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small shell process, in a session of its own, that outlives the JVM by a moment: it reads a
 * pipe the JVM holds and never writes. When the JVM ends for any reason, {@code kill -9}
 * included, the kernel closes the pipe; the watchdog reads end-of-file and SIGKILLs the process
 * group (and, where {@code pkill} exists, the session) of every container still in the ledger.
 * The parent-death signal only reaches a container's first process; this reaches the children a
 * shell left behind too.
 */
final class OrphanWatchdog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OrphanWatchdog.class);

  // $1 is the ledger. "while read" is a builtin: the watchdog is one process and no pipe holder.
  private static final String SCRIPT = String.join("\n",
      "while read -r _; do :; done",
      "[ -f \"$1\" ] || exit 0",
      "while read -r pid rest; do",
      "  case \"$pid\" in ''|*[!0-9]*) continue ;; esac",
      "  kill -s KILL -- \"-$pid\" 2>/dev/null",
      "  kill -s KILL \"$pid\" 2>/dev/null",
      "  command -v pkill >/dev/null 2>&1 && pkill -KILL -s \"$pid\" 2>/dev/null",
      "done < \"$1\"",
      "exit 0");

  private final Process process;
  private final OutputStream lifeline;

  private OrphanWatchdog(Process process) {
    this.process = process;
    this.lifeline = process.getOutputStream();
  }

  /** Starts the watchdog for the ledger, or returns null (with a warning) when it cannot start. */
  static OrphanWatchdog start(Path ledger, String setsid) {
    List<String> command = new ArrayList<>();
    if (setsid != null) {
      command.add(setsid);
      command.add("--");
    }
    command.addAll(List.of("/bin/sh", "-c", SCRIPT, "orca-orphan-watchdog", ledger.toString()));
    try {
      Process process = new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      return new OrphanWatchdog(process);
    } catch (IOException e) {
      log.warn("no orphan watchdog ({}); containers' first processes still die with the JVM", e.toString());
      return null;
    }
  }

  long pid() {
    return process.pid();
  }

  /** Ends the watchdog: it sweeps the (by now empty) ledger and exits. */
  @Override
  public void close() {
    try {
      lifeline.close();
    } catch (IOException e) {
      // closed already
    }
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
