package dev.orca.node.runtime;

import dev.orca.model.Container;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.PodSpec;
import dev.orca.node.runtime.ContainerRuntime.RunningContainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A JVM for {@link ProcessRuntimeTest}'s no-orphans test: starts {@code sleep 300} and a shell
 * with a background child through a {@link ProcessRuntime} rooted at {@code args[0]}, prints
 * {@code pids <sleep> <shell> <child>} and waits to be killed.
 *
 * <p>The containers are started from a thread that ends before the PIDs are printed: were the
 * processes forked on the caller's thread, its end would fire their parent-death signal.
 */
public final class OrphanCheckMain {
  private OrphanCheckMain() {}

  public static void main(String[] args) throws Exception {
    ProcessRuntime runtime = new ProcessRuntime(ProcessRuntime.Settings.of(Path.of(args[0]), "orphan-node"),
        new LogStore(100));
    List<RunningContainer> started = new ArrayList<>();
    Thread starter = new Thread(() -> {
      started.add(runtime.start(pod("sleeper"), container(List.of("sleep", "300"))).toCompletableFuture().join());
      started.add(runtime.start(pod("shell"),
          container(List.of("sh", "-c", "sleep 300 & echo child $!; wait"))).toCompletableFuture().join());
    }, "short-lived-starter");
    starter.start();
    starter.join();
    long deadline = System.nanoTime() + 10_000_000_000L;
    String child = null;
    while (child == null && System.nanoTime() < deadline) {
      ContainerLog log = runtime.logs().log("default", "shell", "c", false);
      for (ContainerLog.Line line : log == null ? List.<ContainerLog.Line>of() : log.after(0)) {
        if (line.text().startsWith("child ")) {
          child = line.text().substring("child ".length()).trim();
        }
      }
      Thread.sleep(10);
    }
    System.out.println("pids " + pid(started.get(0)) + " " + pid(started.get(1)) + " " + child);
    System.out.flush();
    new CountDownLatch(1).await();
  }

  private static String pid(RunningContainer c) {
    return c.containerId().substring("process://".length());
  }

  private static Pod pod(String name) {
    return new Pod(Pod.API_VERSION, Pod.KIND, ObjectMeta.named("default", name),
        new PodSpec(List.of(), "orphan-node", null, null, null, "Always", null, null, null), null);
  }

  private static Container container(List<String> command) {
    return new Container("c", null, command, null, null, null, null, null, null, null, null, null);
  }
}
