package dev.orca.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl (/usr/bin/kubectl, the dispatcher) against a test server, with a throwaway
 * kubeconfig, cache dir and HOME under {@code tmp}; tests that use it are skipped without it.
 */
final class Kubectl {
  private static final String BINARY = "/usr/bin/kubectl";

  record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private final int port;
  private final Path tmp;

  Kubectl(int port, Path tmp) {
    assumeTrue(new File(BINARY).canExecute(), "kubectl not installed");
    this.port = port;
    this.tmp = tmp;
  }

  /** A file under the temporary directory, for {@code -f}. */
  Path write(String name, String content) throws Exception {
    return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
  }

  Result run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(BINARY, "--server", "http://127.0.0.1:" + port,
        "--kubeconfig", "/dev/null", "--cache-dir", tmp.resolve("cache").toString()));
    command.addAll(List.of(args));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl did not finish in 60 s: " + command);
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
