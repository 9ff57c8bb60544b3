package dev.orca.node.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file that rotates by size: when the next line would take {@code file} over
 * {@code maxBytes}, {@code file.1} becomes {@code file.2} (up to {@code keep}), {@code file}
 * becomes {@code file.1} and a new {@code file} begins. A line longer than {@code maxBytes} is
 * written whole into a file of its own. Thread-safe: the pumps of a container's old and new
 * instance may overlap for a moment.
 */
final class RotatingLogFile implements AutoCloseable {
  private final Path file;
  private final long maxBytes;
  private final int keep;
  private OutputStream out;
  private long size;

  RotatingLogFile(Path file, long maxBytes, int keep) throws IOException {
    if (maxBytes <= 0 || keep < 0) {
      throw new IllegalArgumentException("maxBytes must be > 0 and keep >= 0");
    }
    this.file = file;
    this.maxBytes = maxBytes;
    this.keep = keep;
    Files.createDirectories(file.getParent());
    open();
  }

  /** The current file and its rotated predecessors ({@code file.1} is the newest of those). */
  static Path rotated(Path file, int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }

  synchronized void write(byte[] line) throws IOException {
    if (size > 0 && size + line.length > maxBytes) {
      rotate();
    }
    out.write(line);
    out.flush();
    size += line.length;
  }

  private void open() throws IOException {
    out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    size = Files.size(file);
  }

  private void rotate() throws IOException {
    out.close();
    if (keep == 0) {
      Files.delete(file);
    } else {
      Files.deleteIfExists(rotated(file, keep));
      for (int n = keep - 1; n >= 1; n--) {
        if (Files.exists(rotated(file, n))) {
          Files.move(rotated(file, n), rotated(file, n + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }
    open();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
