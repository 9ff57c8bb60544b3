package dev.orca.node.network;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a short command (an {@code ip} command) to its end, within a timeout, with its output. */
final class Commands {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "orca-network-command-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private Commands() {}

  /** What a command printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** A command that did not succeed: the message names the command and carries its stderr. */
  static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message);
    }
  }

  /** Runs the command; a command still running at the timeout is killed and counts as failed (exit -1). */
  static Result run(List<String> argv, Duration timeout) {
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    } catch (IOException e) {
      return new Result(-1, "", e.getMessage());
    }
    CompletableFuture<String> out = read(process.getInputStream());
    CompletableFuture<String> err = read(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "", "timed out after " + timeout.toMillis() + " ms");
      }
      return new Result(process.exitValue(), out.get(1, TimeUnit.SECONDS), err.get(1, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Result(-1, "", "interrupted");
    } catch (Exception e) {
      return new Result(process.exitValue(), out.getNow(""), err.getNow(""));
    }
  }

  /** Runs the command and returns its output. @throws Failure when it exits non-zero or times out */
  static String check(List<String> argv, Duration timeout) {
    Result result = run(argv, timeout);
    if (!result.ok()) {
      String why = result.stderr().strip();
      throw new Failure("`" + String.join(" ", argv) + "` failed: " + (why.isEmpty() ? "exit status " + result.exitCode() : why));
    }
    return result.stdout();
  }

  private static CompletableFuture<String> read(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, READERS);
  }
}
