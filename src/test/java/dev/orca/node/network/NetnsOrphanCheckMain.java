package dev.orca.node.network;

import com.typesafe.config.ConfigFactory;
import dev.orca.model.Container;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.PodSpec;
import dev.orca.node.runtime.ContainerRuntime.RunningContainer;
import dev.orca.node.runtime.LogStore;
import dev.orca.node.runtime.ProcessRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JVM for {@link NamespaceNetworkTest}'s kill -9 test: starts {@code sleep 300} in a pod with its
 * own network namespace through a {@link ProcessRuntime} rooted at {@code args[0]}, prints
 * {@code pod <pid> <netns>} and waits to be killed. The container is started from a thread that
 * ends first, as in the runtime's own no-orphans test.
 */
public final class NetnsOrphanCheckMain {
  private NetnsOrphanCheckMain() {}

  public static void main(String[] args) throws Exception {
    NetworkSettings settings = NetworkSettings.from(ConfigFactory.load()).withMode(NetworkSettings.Mode.NAMESPACES);
    NamespaceNetwork network = NamespaceNetwork.start(settings);
    ProcessRuntime runtime = new ProcessRuntime(ProcessRuntime.Settings.of(Path.of(args[0]), "orphan-node"),
        new LogStore(100), network);
    Pod pod = new Pod(Pod.API_VERSION, Pod.KIND, ObjectMeta.named("default", "netns-orphan-" + ProcessHandle.current().pid()),
        new PodSpec(List.of(), "orphan-node", null, null, null, "Always", null, null, null), null);
    AtomicReference<RunningContainer> started = new AtomicReference<>();
    Thread starter = new Thread(() -> started.set(runtime.start(pod,
        new Container("c", null, List.of("sleep", "300"), null, null, null, null, null, null, null, null, null))
        .toCompletableFuture().join()), "short-lived-starter");
    starter.start();
    starter.join();
    System.out.println("pod " + started.get().containerId().substring("process://".length()) + " " + network.netnsName(pod));
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
