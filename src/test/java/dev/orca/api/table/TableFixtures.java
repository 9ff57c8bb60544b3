package dev.orca.api.table;

import dev.orca.model.Container;
import dev.orca.model.ContainerState;
import dev.orca.model.ContainerStateRunning;
import dev.orca.model.ContainerStateTerminated;
import dev.orca.model.ContainerStateWaiting;
import dev.orca.model.ContainerStatus;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.PodCondition;
import dev.orca.model.PodSpec;
import dev.orca.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Objects shaped as Orca's controllers and nodes write them, for the printer tests. */
final class TableFixtures {
  /** The time of the recorded {@code kubectl get pods} (get-deploy-pods-nocolformat, #93). */
  static final Instant NOW = Instant.parse("2026-11-27T00:28:54Z");

  private TableFixtures() {}

  static String ago(Duration d) {
    return NOW.minus(d).toString();
  }

  static ObjectMeta meta(String namespace, String name, Duration age) {
    return ObjectMeta.named(namespace, name).withCreationTimestamp(ago(age));
  }

  static Container container(String name, String image) {
    return new Container(name, image, null, null, null, null, null, null, null, null, null, null);
  }

  static PodSpec spec(String nodeName, Container... containers) {
    return new PodSpec(List.of(containers), nodeName, null, null, null, "Always", null, null, null);
  }

  static ContainerState running(Duration since) {
    return new ContainerState(null, new ContainerStateRunning(ago(since)), null);
  }

  static ContainerState waiting(String reason) {
    return new ContainerState(new ContainerStateWaiting(reason, null), null, null);
  }

  static ContainerState terminated(Integer exitCode, String reason, Duration finishedAgo) {
    return new ContainerState(null, null,
        new ContainerStateTerminated(exitCode, reason, null, ago(finishedAgo.plusMinutes(1)), ago(finishedAgo)));
  }

  static ContainerStatus status(String name, ContainerState state, ContainerState lastState, boolean ready,
      int restarts) {
    return new ContainerStatus(name, state, lastState, ready, restarts, "nginx:1.25", "nginx:1.25",
        state.waiting() != null && "ContainerCreating".equals(state.waiting().reason()) ? null : "sim://" + name, true);
  }

  static PodCondition condition(String type, String status, String reason) {
    return new PodCondition(type, status, reason, null, null, ago(Duration.ofMinutes(1)));
  }

  /** The conditions Orca's kubelet sets: Initialized, Ready, ContainersReady, PodScheduled. */
  static List<PodCondition> conditions(boolean ready) {
    String s = ready ? "True" : "False";
    String reason = ready ? null : "ContainersNotReady";
    return List.of(condition("Initialized", "True", null), condition("Ready", s, reason),
        condition("ContainersReady", s, reason), condition("PodScheduled", "True", null));
  }

  static PodStatus podStatus(String phase, List<PodCondition> conditions, String reason, String podIp,
      ContainerStatus... containers) {
    return new PodStatus(phase, conditions, reason == null ? null : "Node node-1 which was running pod is unresponsive",
        reason, "127.0.0.1", podIp, ago(Duration.ofHours(1)), Arrays.asList(containers));
  }

  static Pod pod(ObjectMeta meta, PodSpec spec, PodStatus status) {
    return new Pod(Pod.API_VERSION, Pod.KIND, meta, spec, status);
  }

  static Map<String, String> labels(String... keyValues) {
    LinkedHashMap<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
