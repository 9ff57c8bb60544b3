package dev.orca.model;

import static dev.orca.model.Fixtures.container;
import static dev.orca.model.Fixtures.deployment;
import static dev.orca.model.Fixtures.pod;
import static dev.orca.model.Fixtures.podSpec;
import static dev.orca.model.Fixtures.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultsTest {
  @Test
  void podSpecDefaults() {
    Pod pod = Defaults.applyDefaults(pod("web", podSpec(container("web", "nginx:1.25"))));
    assertEquals("Always", pod.spec().restartPolicy());
    assertEquals(30L, pod.spec().terminationGracePeriodSeconds());
    assertEquals("default-scheduler", pod.spec().schedulerName());
    assertEquals("IfNotPresent", pod.spec().containers().get(0).imagePullPolicy());
  }

  @Test
  void setValuesAreKept() {
    PodSpec spec = new PodSpec(List.of(new Container("web", "nginx", null, null, null, null, null, null, null, null, null,
        "Never")), null, null, null, null, "OnFailure", 5L, "my-scheduler", null);
    PodSpec defaulted = Defaults.applyDefaults(pod("web", spec)).spec();
    assertEquals(spec, defaulted);
  }

  @ParameterizedTest
  @CsvSource({
      "nginx, Always",
      "nginx:latest, Always",
      "nginx:1.25, IfNotPresent",
      "localhost:5000/nginx, Always",
      "localhost:5000/nginx:1.25, IfNotPresent",
      "nginx@sha256:abcdef, IfNotPresent",
      "nginx:latest@sha256:abcdef, Always"})
  void pullPolicyFollowsTheTag(String image, String policy) {
    Pod pod = Defaults.applyDefaults(pod("web", podSpec(container("web", image))));
    assertEquals(policy, pod.spec().containers().get(0).imagePullPolicy());
  }

  @Test
  void portsDefaultToTcp() {
    Pod pod = Defaults.applyDefaults(pod("web", podSpec(Fixtures.containerWithPorts("web", "nginx",
        new ContainerPort("http", 80, null, null), new ContainerPort("dns", 53, "UDP", null)))));
    assertEquals(List.of("TCP", "UDP"), pod.spec().containers().get(0).ports().stream().map(ContainerPort::protocol).toList());
  }

  @Test
  void requestsDefaultFromLimits() {
    Pod pod = Defaults.applyDefaults(pod("web", podSpec(container("web", "nginx",
        resources(Map.of("cpu", "100m"), Map.of("cpu", "500m", "memory", "128Mi"))))));
    ResourceRequirements r = pod.spec().containers().get(0).resources();
    assertEquals(Map.of("cpu", "100m", "memory", "128Mi"), r.requests());
    assertEquals(Map.of("cpu", "500m", "memory", "128Mi"), r.limits());
  }

  @Test
  void probeTimingsDefault() {
    Probe probe = new Probe(null, new HTTPGetAction(null, IntOrString.of(8080), null, null), null, 5, null, null, null, null);
    Container c = new Container("web", "nginx", null, null, null, null, null, null, probe, null, null, null);
    Probe defaulted = Defaults.applyDefaults(pod("web", podSpec(c))).spec().containers().get(0).livenessProbe();
    assertEquals(new Probe(null, new HTTPGetAction("/", IntOrString.of(8080), null, "HTTP"), null, 5, 10, 1, 1, 3), defaulted);
  }

  @Test
  void deploymentDefaults() {
    Deployment d = Defaults.applyDefaults(deployment(null, null));
    DeploymentSpec spec = d.spec();
    assertEquals(1, spec.replicas());
    assertEquals(new DeploymentStrategy("RollingUpdate",
        new RollingUpdateDeployment(IntOrString.of("25%"), IntOrString.of("25%"))), spec.strategy());
    assertEquals(10, spec.revisionHistoryLimit());
    assertEquals(600, spec.progressDeadlineSeconds());
    assertNull(spec.minReadySeconds());
    assertEquals("Always", spec.template().spec().restartPolicy());
    assertEquals("default-scheduler", spec.template().spec().schedulerName());
  }

  @Test
  void onlyMissingRollingUpdateFieldsAreFilled() {
    Deployment d = Defaults.applyDefaults(deployment(0,
        new DeploymentStrategy(null, new RollingUpdateDeployment(IntOrString.of(0), null))));
    assertEquals(0, d.spec().replicas());
    assertEquals(new RollingUpdateDeployment(IntOrString.of(0), IntOrString.of("25%")), d.spec().strategy().rollingUpdate());
  }

  @Test
  void recreateGetsNoRollingUpdate() {
    Deployment d = Defaults.applyDefaults(deployment(2, new DeploymentStrategy("Recreate", null)));
    assertEquals(new DeploymentStrategy("Recreate", null), d.spec().strategy());
  }

  @Test
  void templatesKeepRequestsAsWritten() {
    PodTemplateSpec template = Fixtures.template(Map.of("app", "web"),
        podSpec(container("web", "nginx", resources(null, Map.of("cpu", "1")))));
    ReplicaSet rs = Defaults.applyDefaults(Fixtures.replicaSet(null, Fixtures.matchLabels(Map.of("app", "web")), template));
    assertEquals(1, rs.spec().replicas());
    assertEquals("Always", rs.spec().template().spec().restartPolicy());
    assertNull(rs.spec().template().spec().containers().get(0).resources().requests(),
        "Kubernetes defaults requests from limits for pods, not for templates");
  }

  @Test
  void nodeAllocatableDefaultsToCapacity() {
    Node node = Defaults.applyDefaults(Fixtures.node("n1", null, Fixtures.capacity(Map.of("cpu", "4"))));
    assertEquals(Map.of("cpu", "4"), node.status().allocatable());
  }

  @Test
  void namespaceIsActive() {
    assertEquals("Active", Defaults.applyDefaults(Fixtures.namespace("team-a")).status().phase());
  }

  @Test
  void dispatchesOnTheSealedType() {
    KubeObject object = deployment(null, null);
    assertEquals(Defaults.applyDefaults((Deployment) object), Defaults.applyDefaults(object));
    Event event = new Event("v1", "Event", ObjectMeta.named("default", "e"), null, "Started", null, "Normal", 1,
        null, null, null, null, null);
    assertSame(event, Defaults.applyDefaults(event));
  }

  @Test
  void defaultsAreIdempotent() {
    Probe probe = new Probe(new ExecAction(List.of("true")), null, null, null, 0, null, null, null);
    Container c = new Container("web", "nginx", null, null, null, null, List.of(new ContainerPort(null, 80, null, null)),
        resources(null, Map.of("cpu", "1")), probe, null, null, null);
    List<KubeObject> objects = List.of(
        pod("web", podSpec(c)),
        deployment(null, null),
        deployment(3, new DeploymentStrategy("Recreate", null)),
        Fixtures.replicaSet(null, Fixtures.matchLabels(Map.of("app", "web")), Fixtures.template(Map.of("app", "web"), podSpec(c))),
        Fixtures.node("n1", null, Fixtures.capacity(Map.of("cpu", "4"))),
        Fixtures.namespace("team-a"));
    for (KubeObject object : objects) {
      KubeObject once = Defaults.applyDefaults(object);
      assertEquals(once, Defaults.applyDefaults(once), object.kind());
    }
  }

  @Test
  void theInputIsNotChanged() {
    Pod pod = pod("web", podSpec(container("web", "nginx", resources(null, Map.of("cpu", "1")))));
    Defaults.applyDefaults(pod);
    assertNull(pod.spec().restartPolicy());
    assertNull(pod.spec().containers().get(0).resources().requests());
  }
}
