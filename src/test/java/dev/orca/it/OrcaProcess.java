package dev.orca.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real Orca JVM (bin/orca up's main class), for tests that kill and restart it. */
final class OrcaProcess implements AutoCloseable {
  final Process process;
  final int port;
  final Path log;

  private OrcaProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The first of {@code n} consecutive free ports. */
  static int freeRange(int n) {
    return dev.orca.cluster.FreePorts.range(n);
  }

  static int freePort() throws IOException {
    return dev.orca.cluster.FreePorts.one();
  }

  static OrcaProcess start(Path dataDir, int port, int nodes, String... settings) throws IOException {
    List<String> flags = new ArrayList<>(List.of("--no-process-node", "--nodes", Integer.toString(nodes)));
    for (String s : settings) {
      flags.add("--set");
      flags.add(s);
    }
    return up(dataDir, port, flags);
  }

  /** {@code orca up --port PORT --data-dir DIR} with these flags. */
  static OrcaProcess up(Path dataDir, int port, List<String> flags) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "dev.orca.Main", "up", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
    command.addAll(flags);
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + System.nanoTime() + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new OrcaProcess(process, port, log);
  }

  /** kill -9. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
    if (System.getenv("ORCA_KEEP_LOGS") == null) {
      new File(log.toString()).delete();
    }
  }
}
