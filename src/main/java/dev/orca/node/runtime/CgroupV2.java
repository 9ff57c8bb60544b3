package dev.orca.node.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory limits through cgroup v2, where the machine allows it: an Orca-owned parent cgroup
 * ({@code <cgroup2 mount>/orca-<node>}) with the memory controller enabled for its children, and one
 * child per container instance with {@code memory.max} set, {@code memory.swap.max} 0 and
 * {@code memory.oom.group} 1 (the kernel kills the whole container, as kubelet asks). The container
 * process joins its cgroup before it execs (see {@link #joinCommand}), so no child escapes it;
 * {@code memory.events}' {@code oom_kill} says afterwards whether the kernel killed it.
 *
 * <p>{@link #detect} finds out whether that works here: a cgroup2 mount whose root offers the
 * memory controller, and the right to create the parent and enable the controller in it. When it
 * does not, the runtime falls back to its own watch of each container's resident set.
 */
final class CgroupV2 {
  private static final Logger log = LoggerFactory.getLogger(CgroupV2.class);
  private final Path parent;
  private final AtomicLong sequence = new AtomicLong();

  CgroupV2(Path parent) {
    this.parent = parent;
  }

  Path parent() {
    return parent;
  }

  /** cgroup v2 with the memory controller for containers of this node, or empty (and why, in the log). */
  static Optional<CgroupV2> detect(String nodeName) {
    Optional<Path> mount = mountPoint();
    if (mount.isEmpty()) {
      log.info("no cgroup2 mount: memory limits are enforced by watching each container's resident set");
      return Optional.empty();
    }
    return detect(mount.get(), "orca-" + safe(nodeName));
  }

  /** Whether a cgroup2 hierarchy at {@code root} lets Orca create {@code root/name} with the memory controller. */
  static Optional<CgroupV2> detect(Path root, String name) {
    try {
      if (!controllers(root.resolve("cgroup.controllers")).contains("memory")) {
        log.info("the cgroup2 hierarchy at {} has no memory controller (it is bound to cgroup v1?): memory limits are "
            + "enforced by watching each container's resident set", root);
        return Optional.empty();
      }
      if (!controllers(root.resolve("cgroup.subtree_control")).contains("memory")) {
        Files.writeString(root.resolve("cgroup.subtree_control"), "+memory");
      }
      Path parent = root.resolve(name);
      Files.createDirectories(parent);
      if (!controllers(parent.resolve("cgroup.subtree_control")).contains("memory")) {
        Files.writeString(parent.resolve("cgroup.subtree_control"), "+memory");
      }
      CgroupV2 cgroups = new CgroupV2(parent);
      cgroups.sweep();
      log.info("memory limits are enforced by cgroup v2 under {}", parent);
      return Optional.of(cgroups);
    } catch (IOException | RuntimeException e) {
      log.info("cgroup v2 at {} cannot be used ({}): memory limits are enforced by watching each container's "
          + "resident set", root, e.toString());
      return Optional.empty();
    }
  }

  /** A fresh cgroup for one container instance, limited to {@code memoryLimit} bytes. */
  Path create(String containerName, long memoryLimit) throws IOException {
    Path cgroup = parent.resolve(safe(containerName) + "-" + sequence.incrementAndGet());
    Files.createDirectory(cgroup);
    try {
      Files.writeString(cgroup.resolve("memory.max"), Long.toString(memoryLimit));
      writeIfPresent(cgroup.resolve("memory.swap.max"), "0");
      writeIfPresent(cgroup.resolve("memory.oom.group"), "1");
      return cgroup;
    } catch (IOException | RuntimeException e) {
      remove(cgroup);
      throw e;
    }
  }

  /**
   * The command that moves itself into {@code cgroup} and then execs {@code argv}: a shell writes
   * its own pid to {@code cgroup.procs} before exec, so the container's first instruction runs
   * limited. A failure to join exits 126, and the container does not run unlimited.
   */
  static java.util.List<String> joinCommand(Path cgroup, java.util.List<String> argv) {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/bin/sh", "-c",
        "echo $$ > \"$0/cgroup.procs\" || exit 126; exec \"$@\"", cgroup.toString()));
    command.addAll(argv);
    return command;
  }

  /** Whether the kernel's OOM killer killed a process of the cgroup. */
  static boolean oomKilled(Path cgroup) {
    try {
      return oomKills(Files.readString(cgroup.resolve("memory.events"), StandardCharsets.UTF_8)) > 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The {@code oom_kill} count of a {@code memory.events} file. */
  static long oomKills(String events) {
    for (String line : events.split("\\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2 && f[0].equals("oom_kill")) {
        return Long.parseLong(f[1]);
      }
    }
    return 0;
  }

  /** Removes an empty cgroup (its processes must have ended; a cgroup is removable a moment after). */
  static void remove(Path cgroup) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        Files.deleteIfExists(cgroup);
        return;
      } catch (IOException e) {
        Thread.onSpinWait();
      }
    }
    log.warn("cannot remove cgroup {}", cgroup);
  }

  /** Removes what a previous run left under the parent (its processes were killed by then). */
  void sweep() {
    try (var children = Files.list(parent)) {
      children.filter(Files::isDirectory).forEach(CgroupV2::remove);
    } catch (IOException e) {
      // nothing to sweep
    }
  }

  /** The cgroup2 mount point, from /proc/self/mounts. */
  private static Optional<Path> mountPoint() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mounts"), StandardCharsets.UTF_8)) {
        String[] f = line.split(" ");
        if (f.length > 2 && f[2].equals("cgroup2")) {
          return Optional.of(Path.of(f[1]));
        }
      }
    } catch (IOException e) {
      // no /proc
    }
    return Optional.empty();
  }

  private static java.util.Set<String> controllers(Path file) throws IOException {
    return java.util.Set.copyOf(Arrays.asList(Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+")));
  }

  private static void writeIfPresent(Path file, String value) throws IOException {
    if (Files.exists(file)) {
      Files.writeString(file, value);
    }
  }

  private static String safe(String name) {
    String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
  }
}
