package dev.orca.node.probe;

import dev.orca.model.Probe;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * An exec probe: runs the command as a process on this machine with the container's environment
 * (added to the agent's) and working directory, inside the pod's sandbox when it has one
 * ({@link ProbeTarget#execPrefix()}). Exit 0 is success; any other exit is a failure
 * whose message is the command's output (stdout and stderr, at most 10 KiB), or {@code exit status
 * N} when it printed nothing. A command still running at the timeout is killed with everything it
 * started, and fails with {@code command "..." timed out}. A command that cannot be started fails
 * with the reason. Runs on the given executor, never on the caller's thread.
 */
public final class ExecProber implements Prober {

  /** Kubelet keeps at most this much of a probe's output. */
  static final int MAX_OUTPUT = 10 * 1024;

  private final ProbeTiming timing;
  private final Executor executor;

  public ExecProber(ProbeTiming timing, Executor executor) {
    this.timing = timing;
    this.executor = executor;
  }

  @Override
  public CompletionStage<ProbeResult> probe(Probe probe, ProbeTarget target) {
    List<String> command = probe.exec().command();
    if (command == null || command.isEmpty()) {
      return CompletableFuture.completedFuture(ProbeResult.unknown("exec probe has no command"));
    }
    Duration timeout = ProbeParameters.timeout(probe, timing);
    try {
      List<String> argv = new java.util.ArrayList<>(target.execPrefix());
      argv.addAll(command);
      return CompletableFuture.supplyAsync(() -> run(List.copyOf(argv), List.copyOf(command), target, timeout), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(ProbeResult.unknown("probe executor is shut down"));
    }
  }

  /** Runs {@code argv}: the probe's {@code command}, inside the pod's sandbox if it has one. */
  private ProbeResult run(List<String> argv, List<String> command, ProbeTarget target, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(target.env());
    if (target.workingDir() != null && !target.workingDir().isEmpty()) {
      builder.directory(new File(target.workingDir()));
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return ProbeResult.failure(e.getMessage());
    }
    OutputCollector output = new OutputCollector(process.getInputStream());
    CompletableFuture<Void> drained;
    try {
      drained = CompletableFuture.runAsync(output::drain, executor);
    } catch (RejectedExecutionException e) {
      killTree(process);
      return ProbeResult.unknown("probe executor is shut down");
    }
    try {
      if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        killTree(process);
        output.close();
        return ProbeResult.failure("command " + quote(command) + " timed out");
      }
      // a child that outlives the command may hold its output open: wait for the rest only briefly
      drained.get(Math.max(0, deadline - System.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killTree(process);
      output.close();
      return ProbeResult.unknown("interrupted");
    } catch (TimeoutException | ExecutionException e) {
      output.close();
    }
    int exit = process.exitValue();
    String text = output.text().stripTrailing();
    if (exit == 0) {
      return ProbeResult.success(text);
    }
    return ProbeResult.failure(text.isEmpty() ? "exit status " + exit : text);
  }

  /** The command as Go's %q prints the joined command line. */
  private static String quote(List<String> command) {
    String joined = command.stream().collect(Collectors.joining(" "));
    return "\"" + joined.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The command first, so that a shell cannot go on to its next line when its child dies; then what it started. */
  private static void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** Reads a process's output, keeping the first {@link #MAX_OUTPUT} bytes and discarding the rest. */
  private static final class OutputCollector {
    private final InputStream in;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    OutputCollector(InputStream in) {
      this.in = in;
    }

    void drain() {
      byte[] buffer = new byte[4096];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (kept) {
            int room = MAX_OUTPUT - kept.size();
            if (room > 0) {
              kept.write(buffer, 0, Math.min(room, n));
            }
          }
        }
      } catch (IOException e) {
        // closed after a timeout, or the process went away: keep what was read
      } finally {
        close();
      }
    }

    String text() {
      synchronized (kept) {
        return kept.toString(StandardCharsets.UTF_8);
      }
    }

    void close() {
      try {
        in.close();
      } catch (IOException e) {
        // nothing more to read either way
      }
    }
  }
}
