package dev.orca.model;

import java.util.List;
import java.util.Map;

/** Small, valid objects for tests to start from and vary. */
final class Fixtures {
  private Fixtures() {}

  static Container container(String name, String image) {
    return new Container(name, image, null, null, null, null, null, null, null, null, null, null);
  }

  static Container container(String name, String image, ResourceRequirements resources) {
    return new Container(name, image, null, null, null, null, null, resources, null, null, null, null);
  }

  static Container containerWithPorts(String name, String image, ContainerPort... ports) {
    return new Container(name, image, null, null, null, null, List.of(ports), null, null, null, null, null);
  }

  static ResourceRequirements resources(Map<String, String> requests, Map<String, String> limits) {
    return new ResourceRequirements(requests, limits);
  }

  static PodSpec podSpec(Container... containers) {
    return new PodSpec(List.of(containers), null, null, null, null, null, null, null, null);
  }

  static PodSpec podSpec(List<Container> containers, String nodeName, String restartPolicy) {
    return new PodSpec(containers, nodeName, null, null, null, restartPolicy, null, null, null);
  }

  static PodSpec podSpecWithScheduling(Affinity affinity, List<Toleration> tolerations) {
    return new PodSpec(List.of(container("web", "nginx:1.25")), null, null, affinity, tolerations, null, null, null, null);
  }

  static Pod pod(String name, PodSpec spec) {
    return new Pod(Pod.API_VERSION, Pod.KIND, ObjectMeta.named("default", name), spec, null);
  }

  static Pod pod(ObjectMeta meta, PodSpec spec) {
    return new Pod(Pod.API_VERSION, Pod.KIND, meta, spec, null);
  }

  static Pod podWithStatus(PodStatus status) {
    return new Pod(Pod.API_VERSION, Pod.KIND, ObjectMeta.named("default", "p"), podSpec(container("c", "busybox")), status);
  }

  static PodStatus status(String phase, PodCondition... conditions) {
    return new PodStatus(phase, List.of(conditions), null, null, null, null, null, null);
  }

  static PodCondition condition(String type, String status) {
    return new PodCondition(type, status, null, null, null, null);
  }

  static ObjectMeta labelled(Map<String, String> labels) {
    return new ObjectMeta(null, null, null, null, labels, null, null, null, null, null, null, null, null);
  }

  static PodTemplateSpec template(Map<String, String> labels, PodSpec spec) {
    return new PodTemplateSpec(labelled(labels), spec);
  }

  static LabelSelector matchLabels(Map<String, String> labels) {
    return new LabelSelector(labels, null);
  }

  static ReplicaSet replicaSet(Integer replicas, LabelSelector selector, PodTemplateSpec template) {
    return new ReplicaSet(ReplicaSet.API_VERSION, ReplicaSet.KIND, ObjectMeta.named("default", "web"),
        new ReplicaSetSpec(replicas, null, selector, template), null);
  }

  static ReplicaSet replicaSet(LabelSelector selector) {
    return replicaSet(3, selector, template(Map.of("app", "web"), podSpec(container("web", "nginx:1.25"))));
  }

  static Deployment deployment(DeploymentSpec spec) {
    return new Deployment(Deployment.API_VERSION, Deployment.KIND, ObjectMeta.named("default", "web"), spec, null);
  }

  static DeploymentSpec deploymentSpec(Integer replicas, DeploymentStrategy strategy) {
    return new DeploymentSpec(replicas, matchLabels(Map.of("app", "web")),
        template(Map.of("app", "web"), podSpec(container("web", "nginx:1.25"))), strategy, null, null, null, null);
  }

  static Deployment deployment(Integer replicas, DeploymentStrategy strategy) {
    return deployment(deploymentSpec(replicas, strategy));
  }

  static DeploymentStrategy rollingUpdate(IntOrString maxUnavailable, IntOrString maxSurge) {
    return new DeploymentStrategy("RollingUpdate", new RollingUpdateDeployment(maxUnavailable, maxSurge));
  }

  static Node node(String name, NodeSpec spec, NodeStatus status) {
    return new Node(Node.API_VERSION, Node.KIND, ObjectMeta.named(null, name), spec, status);
  }

  static NodeStatus capacity(Map<String, String> capacity) {
    return new NodeStatus(capacity, null, null, null, null);
  }

  static Namespace namespace(String name) {
    return new Namespace(Namespace.API_VERSION, Namespace.KIND, ObjectMeta.named(null, name), null, null);
  }

  static List<String> messages(List<FieldError> errors) {
    return errors.stream().map(FieldError::message).toList();
  }

  static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }
}
