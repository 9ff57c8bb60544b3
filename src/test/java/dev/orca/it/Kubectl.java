package dev.orca.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl against a running Orca, with a throwaway kubeconfig and cache. */
public final class Kubectl {
  public record Result(int exitCode, String stdout, String stderr) {
    public Result ok() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl exited " + exitCode + ":\n" + stderr + "\n" + stdout);
      }
      return this;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private final String server;
  private final Path home;

  public Kubectl(String server, Path home) {
    this.server = server;
    this.home = home;
  }

  /** Against a server on a local port. */
  public Kubectl(int port, Path home) {
    this("http://127.0.0.1:" + port, home);
  }

  public Result run(String... args) {
    return runFor(60, args);
  }

  /** Runs kubectl for at most {@code seconds}; a command still running then (get -w, logs -f) is stopped. */
  public Result runFor(int seconds, String... args) {
    List<String> command = new ArrayList<>(List.of("/usr/bin/kubectl", "--server", server,
        "--kubeconfig", home.resolve("kubeconfig").toString(), "--cache-dir", home.resolve("cache").toString()));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(home);
      if (!Files.exists(home.resolve("kubeconfig"))) {
        Files.writeString(home.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
      }
      Path out = Files.createTempFile(home, "out", ".txt");
      Path err = Files.createTempFile(home, "err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("HOME", home.toString());
      pb.environment().remove("KUBECONFIG");
      Process p = pb.start();
      int exit;
      if (p.waitFor(seconds, TimeUnit.SECONDS)) {
        exit = p.exitValue();
      } else {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor();
        }
        exit = -1;
      }
      return new Result(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("kubectl could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** A kubectl still running (get -w, logs -f): its output so far, and a way to stop it. */
  final class Running {
    private final Process process;
    private final Path out;
    private final Path err;

    private Running(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    Process process() {
      return process;
    }

    String stdoutSoFar() {
      try {
        return Files.readString(out, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    Result stop() {
      try {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor();
        }
        return new Result(process.exitValue(), stdoutSoFar(), Files.readString(err, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new AssertionError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Starts kubectl and returns at once. */
  Running start(String... args) {
    List<String> command = new ArrayList<>(List.of("/usr/bin/kubectl", "--server", server,
        "--kubeconfig", home.resolve("kubeconfig").toString(), "--cache-dir", home.resolve("cache").toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(home, "out", ".txt");
      Path err = Files.createTempFile(home, "err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("HOME", home.toString());
      pb.environment().remove("KUBECONFIG");
      return new Running(pb.start(), out, err);
    } catch (IOException e) {
      throw new AssertionError("kubectl could not run", e);
    }
  }

  /** Writes a file under the kubectl home (for -f) and returns its path. */
  public Path write(String name, String content) {
    return manifest(name, content);
  }

  /** Writes a manifest under the kubectl home and returns its path. */
  public Path manifest(String name, String yaml) {
    try {
      Path file = home.resolve(name);
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
