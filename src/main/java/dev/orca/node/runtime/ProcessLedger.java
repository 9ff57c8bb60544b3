package dev.orca.node.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file under the runtime's root that lists the container processes running now: one line per
 * container, {@code <pid> <start time in clock ticks> <namespace>/<pod>/<container>}, after a
 * {@code boot <id>} line. Each container is a session whose id is its pid. The file is replaced
 * atomically on every change, so a reader (the next run, the orphan watchdog) never sees half of it.
 *
 * <p>A runtime holds the root's lock for its whole life: two runtimes on one root would kill each
 * other's containers.
 */
final class ProcessLedger implements AutoCloseable {
  static final String FILE = "processes";
  static final String LOCK = "runtime.lock";

  /** A recorded container process. */
  record Entry(long pid, long startTicks, String name) {}

  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final String bootId = ProcTable.bootId();
  private final Map<Long, Entry> entries = new LinkedHashMap<>();

  ProcessLedger(Path root) {
    this.file = root.resolve(FILE);
    try {
      Files.createDirectories(root);
      lockChannel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock acquired;
      try {
        acquired = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        acquired = null;
      }
      if (acquired == null) {
        lockChannel.close();
        throw new IllegalStateException("another process runtime is using " + root);
      }
      lock = acquired;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use " + root + " as the process runtime's root", e);
    }
  }

  Path file() {
    return file;
  }

  /**
   * The entries a previous run left, if they are of this boot (after a reboot none of them can
   * be running).
   */
  List<Entry> previousRun() {
    List<Entry> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals("boot " + bootId)) {
        return out;
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(" ", 3);
        if (f.length >= 2) {
          try {
            out.add(new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), f.length > 2 ? f[2] : ""));
          } catch (NumberFormatException e) {
            // a line this runtime did not write
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  synchronized void add(Entry entry) {
    entries.put(entry.pid(), entry);
    write();
  }

  synchronized void remove(long pid) {
    if (entries.remove(pid) != null) {
      write();
    }
  }

  synchronized void clear() {
    entries.clear();
    write();
  }

  private void write() {
    StringBuilder text = new StringBuilder("boot ").append(bootId).append('\n');
    for (Entry e : entries.values()) {
      text.append(e.pid()).append(' ').append(e.startTicks()).append(' ').append(e.name()).append('\n');
    }
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the running processes in " + file, e);
    }
  }

  /** Releases the root's lock. */
  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // the lock goes with the channel anyway
    }
  }
}
