package dev.orca.control;

import dev.orca.model.Container;
import dev.orca.model.Deployment;
import dev.orca.model.DeploymentSpec;
import dev.orca.model.DeploymentStrategy;
import dev.orca.model.IntOrString;
import dev.orca.model.LabelSelector;
import dev.orca.model.ObjectMeta;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.PodCondition;
import dev.orca.model.PodSpec;
import dev.orca.model.PodStatus;
import dev.orca.model.PodTemplateSpec;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetSpec;
import dev.orca.model.RollingUpdateDeployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Objects for controller tests. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private Fixtures() {}

  public static PodTemplateSpec template(String image) {
    ObjectMeta meta = ObjectMeta.named(null, null).withLabels(Map.of("app", "web"));
    PodSpec spec = new PodSpec(
        List.of(new Container("web", image, null, null, null, null, null, null, null, null, null, null)),
        null, null, null, null, "Always", null, null, null);
    return new PodTemplateSpec(meta, spec);
  }

  public static ReplicaSet replicaSet(String name, int replicas, int minReadySeconds) {
    ObjectMeta meta = ObjectMeta.named("default", name)
        .withUid("uid-" + name)
        .withGeneration(1L)
        .withLabels(Map.of("app", "web"));
    return new ReplicaSet(ReplicaSet.API_VERSION, ReplicaSet.KIND, meta,
        new ReplicaSetSpec(replicas, minReadySeconds, new LabelSelector(Map.of("app", "web"), null), template("nginx:1")),
        null);
  }

  public static Deployment deployment(String name, int replicas, DeploymentStrategy strategy) {
    ObjectMeta meta = ObjectMeta.named("default", name).withUid("uid-" + name).withGeneration(1L);
    DeploymentSpec spec = new DeploymentSpec(replicas, new LabelSelector(Map.of("app", "web"), null),
        template("nginx:1"), strategy, 0, 10, false, 600);
    return new Deployment(Deployment.API_VERSION, Deployment.KIND, meta, spec, null);
  }

  public static DeploymentStrategy rolling(IntOrString maxUnavailable, IntOrString maxSurge) {
    return new DeploymentStrategy("RollingUpdate", new RollingUpdateDeployment(maxUnavailable, maxSurge));
  }

  public static DeploymentStrategy recreate() {
    return new DeploymentStrategy("Recreate", null);
  }

  /** A pod owned by {@code rs}, Pending, unscheduled, created at {@code created}. */
  public static Pod pod(ReplicaSet rs, String name, Instant created) {
    ObjectMeta meta = ObjectMeta.named("default", name)
        .withLabels(Map.of("app", "web"))
        .withCreationTimestamp(Rfc3339.format(created))
        .withOwnerReferences(List.of(new OwnerReference(ReplicaSet.API_VERSION, ReplicaSet.KIND,
            rs.metadata().name(), rs.metadata().uid(), true, true)));
    return new Pod(Pod.API_VERSION, Pod.KIND, meta, rs.spec().template().spec(),
        new PodStatus("Pending", null, null, null, null, null, null, null));
  }

  /** The pod bound to a node and Running, not ready. */
  public static Pod running(Pod pod) {
    return scheduled(pod).withStatus(new PodStatus("Running", List.of(
        new PodCondition("Ready", "False", null, null, null, null)), null, null, null, null, null, null));
  }

  /** The pod Running and Ready since {@code since}. */
  public static Pod ready(Pod pod, Instant since) {
    return scheduled(pod).withStatus(new PodStatus("Running", List.of(
        new PodCondition("Ready", "True", null, null, null, Rfc3339.format(since))),
        null, null, null, null, null, null));
  }

  public static Pod withPhase(Pod pod, String phase) {
    PodStatus s = pod.status();
    return pod.withStatus(new PodStatus(phase, s.conditions(), s.message(), s.reason(), s.hostIP(), s.podIP(),
        s.startTime(), s.containerStatuses()));
  }

  private static Pod scheduled(Pod pod) {
    PodSpec s = pod.spec();
    return pod.withSpec(new PodSpec(s.containers(), "node-1", s.nodeSelector(), s.affinity(), s.tolerations(),
        s.restartPolicy(), s.terminationGracePeriodSeconds(), s.schedulerName(), s.hostname()));
  }
}
