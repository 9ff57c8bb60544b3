package dev.orca.node.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a container's merged stdout/stderr, line by line, into its {@link ContainerLog} and its
 * log file (each line prefixed with an RFC 3339 timestamp). Runs on a thread of its own, so a
 * process that writes slowly or never blocks nobody else. A line longer than {@link #MAX_LINE}
 * bytes is cut into several, as Kubernetes cuts partial lines.
 */
final class LogPump implements Runnable {
  static final int MAX_LINE = 16 * 1024;
  private static final Logger log = LoggerFactory.getLogger(LogPump.class);

  private final InputStream in;
  private final ContainerLog containerLog;
  private final RotatingLogFile file;
  private final String name;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private boolean fileFailed;

  LogPump(InputStream in, ContainerLog containerLog, RotatingLogFile file, String name) {
    this.in = in;
    this.containerLog = containerLog;
    this.file = file;
    this.name = name;
  }

  /** Starts the pump on a daemon thread of its own. */
  LogPump start() {
    Thread thread = new Thread(this, "orca-log-" + name);
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Completes when the stream ended: every process holding it closed it or died. */
  CompletableFuture<Void> done() {
    return done;
  }

  @Override
  public void run() {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    byte[] buffer = new byte[8192];
    try (InputStream stream = in) {
      int n;
      while ((n = stream.read(buffer)) >= 0) {
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == '\n') {
            emit(line);
          } else {
            line.write(b);
            if (line.size() >= MAX_LINE) {
              emit(line);
            }
          }
        }
      }
    } catch (IOException e) {
      // the stream was closed under us (the runtime closed): what was read is kept
    } finally {
      if (line.size() > 0) {
        emit(line);
      }
      done.complete(null);
    }
  }

  private void emit(ByteArrayOutputStream line) {
    byte[] bytes = line.toByteArray();
    line.reset();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    containerLog.append(text);
    if (fileFailed) {
      return;
    }
    try {
      file.write((Instant.now() + " " + text + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      fileFailed = true;
      log.warn("log file of {} not written any more: {}", name, e.toString());
    }
  }
}
