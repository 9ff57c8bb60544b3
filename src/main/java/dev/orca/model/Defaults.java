package dev.orca.model;

import java.util.Objects;

/**
 * Kubernetes' defaults, filled into a copy of an object as kube-apiserver fills them into what it
 * receives. Only what is missing is filled in, so {@code applyDefaults(applyDefaults(x))} equals
 * {@code applyDefaults(x)}.
 */
public final class Defaults {
  public static final String DEFAULT_MAX_SURGE = "25%";
  public static final String DEFAULT_MAX_UNAVAILABLE = "25%";
  public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;
  public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

  private Defaults() {}

  public static KubeObject applyDefaults(KubeObject object) {
    Objects.requireNonNull(object, "object");
    return switch (Kinds.of(object)) {
      case POD -> applyDefaults((Pod) object);
      case REPLICA_SET -> applyDefaults((ReplicaSet) object);
      case DEPLOYMENT -> applyDefaults((Deployment) object);
      case NODE -> applyDefaults((Node) object);
      case NAMESPACE -> applyDefaults((Namespace) object);
      case SERVICE -> ServiceDefaults.apply((Service) object);
      case EVENT, ENDPOINTS, ENDPOINT_SLICE, CONFIG_MAP -> object;
      case SECRET -> ConfigData.secretDefaults((Secret) object);
    };
  }

  /**
   * restartPolicy Always, terminationGracePeriodSeconds 30, schedulerName default-scheduler;
   * per container the imagePullPolicy, port protocols TCP, probe timings, and requests taken from
   * limits where a request is missing.
   */
  public static Pod applyDefaults(Pod pod) {
    return pod.withSpec(PodSpecDefaults.apply(pod.spec(), true));
  }

  /** replicas 1, and the template's pod spec defaulted. */
  public static ReplicaSet applyDefaults(ReplicaSet replicaSet) {
    ReplicaSetSpec spec = replicaSet.spec();
    if (spec == null) {
      return replicaSet;
    }
    return replicaSet.withSpec(new ReplicaSetSpec(
        spec.replicas() == null ? 1 : spec.replicas(),
        spec.minReadySeconds(),
        spec.selector(),
        template(spec.template())));
  }

  /**
   * replicas 1; strategy RollingUpdate with maxSurge and maxUnavailable 25%; revisionHistoryLimit
   * 10; progressDeadlineSeconds 600; the template's pod spec defaulted. minReadySeconds stays
   * unset.
   */
  public static Deployment applyDefaults(Deployment deployment) {
    DeploymentSpec spec = deployment.spec();
    if (spec == null) {
      return deployment;
    }
    return deployment.withSpec(new DeploymentSpec(
        spec.replicas() == null ? 1 : spec.replicas(),
        spec.selector(),
        template(spec.template()),
        strategy(spec.strategy()),
        spec.minReadySeconds(),
        spec.revisionHistoryLimit() == null ? DEFAULT_REVISION_HISTORY_LIMIT : spec.revisionHistoryLimit(),
        spec.paused(),
        spec.progressDeadlineSeconds() == null ? DEFAULT_PROGRESS_DEADLINE_SECONDS : spec.progressDeadlineSeconds()));
  }

  /** allocatable as capacity when a node reports only its capacity. */
  public static Node applyDefaults(Node node) {
    NodeStatus status = node.status();
    if (status == null || status.allocatable() != null || status.capacity() == null) {
      return node;
    }
    return node.withStatus(new NodeStatus(status.capacity(), status.capacity(), status.conditions(),
        status.addresses(), status.nodeInfo()));
  }

  /** status.phase Active. */
  public static Namespace applyDefaults(Namespace namespace) {
    NamespaceStatus status = namespace.status();
    if (status != null && status.phase() != null && !status.phase().isEmpty()) {
      return namespace;
    }
    return namespace.withStatus(new NamespaceStatus("Active"));
  }

  private static PodTemplateSpec template(PodTemplateSpec template) {
    return template == null ? null : new PodTemplateSpec(template.metadata(), PodSpecDefaults.apply(template.spec(), false));
  }

  private static DeploymentStrategy strategy(DeploymentStrategy strategy) {
    String type = strategy == null || strategy.type() == null || strategy.type().isEmpty()
        ? "RollingUpdate" : strategy.type();
    RollingUpdateDeployment rollingUpdate = strategy == null ? null : strategy.rollingUpdate();
    if (type.equals("RollingUpdate")) {
      rollingUpdate = new RollingUpdateDeployment(
          rollingUpdate == null || rollingUpdate.maxUnavailable() == null
              ? IntOrString.of(DEFAULT_MAX_UNAVAILABLE) : rollingUpdate.maxUnavailable(),
          rollingUpdate == null || rollingUpdate.maxSurge() == null
              ? IntOrString.of(DEFAULT_MAX_SURGE) : rollingUpdate.maxSurge());
    }
    return new DeploymentStrategy(type, rollingUpdate);
  }
}
