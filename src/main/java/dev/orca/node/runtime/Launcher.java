package dev.orca.node.runtime;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that spawns container processes. Linux fires a child's parent-death signal
 * ({@code PR_SET_PDEATHSIG}) when the <em>thread</em> that forked it ends, not the process; so
 * processes are forked only here, on a thread that lives exactly as long as the runtime, never
 * on a pool thread that could be retired or replaced. A task that throws does not end the thread.
 */
final class Launcher implements Executor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Launcher.class);
  private static final Runnable END = () -> {};

  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  Launcher(String name) {
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void execute(Runnable task) {
    if (closed) {
      throw new RejectedExecutionException("launcher closed");
    }
    tasks.add(task);
  }

  boolean isLauncherThread() {
    return Thread.currentThread() == thread;
  }

  private void loop() {
    while (true) {
      Runnable task;
      try {
        task = tasks.take();
      } catch (InterruptedException e) {
        // only close() ends this thread
        continue;
      }
      if (task == END) {
        return;
      }
      try {
        task.run();
      } catch (Throwable t) {
        log.error("process launcher task failed", t);
      }
    }
  }

  /** Runs what was queued, then ends the thread (its children get their parent-death signal). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    tasks.add(END);
    if (!isLauncherThread()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
