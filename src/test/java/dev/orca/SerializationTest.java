package dev.orca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.orca.control.NodeEntity;
import dev.orca.control.ObjectEntity;
import dev.orca.control.PodEntity;
import dev.orca.model.Affinity;
import dev.orca.model.Container;
import dev.orca.model.ContainerPort;
import dev.orca.model.ContainerState;
import dev.orca.model.ContainerStateRunning;
import dev.orca.model.ContainerStateTerminated;
import dev.orca.model.ContainerStateWaiting;
import dev.orca.model.ContainerStatus;
import dev.orca.model.Deployment;
import dev.orca.model.DeploymentCondition;
import dev.orca.model.DeploymentSpec;
import dev.orca.model.DeploymentStatus;
import dev.orca.model.DeploymentStrategy;
import dev.orca.model.EnvVar;
import dev.orca.model.Event;
import dev.orca.model.EventSource;
import dev.orca.model.ExecAction;
import dev.orca.model.HTTPGetAction;
import dev.orca.model.IntOrString;
import dev.orca.model.KubeObject;
import dev.orca.model.LabelSelector;
import dev.orca.model.LabelSelectorRequirement;
import dev.orca.model.ListMeta;
import dev.orca.model.Namespace;
import dev.orca.model.NamespaceSpec;
import dev.orca.model.NamespaceStatus;
import dev.orca.model.Node;
import dev.orca.model.NodeAddress;
import dev.orca.model.NodeAffinity;
import dev.orca.model.NodeCondition;
import dev.orca.model.NodeSelector;
import dev.orca.model.NodeSelectorRequirement;
import dev.orca.model.NodeSelectorTerm;
import dev.orca.model.NodeSpec;
import dev.orca.model.NodeStatus;
import dev.orca.model.NodeSystemInfo;
import dev.orca.model.ObjectMeta;
import dev.orca.model.ObjectReference;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.PodAffinityTerm;
import dev.orca.model.PodAntiAffinity;
import dev.orca.model.PodCondition;
import dev.orca.model.PodSpec;
import dev.orca.model.PodStatus;
import dev.orca.model.PodTemplateSpec;
import dev.orca.model.Probe;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetCondition;
import dev.orca.model.ReplicaSetSpec;
import dev.orca.model.ReplicaSetStatus;
import dev.orca.model.ResourceRequirements;
import dev.orca.model.RollingUpdateDeployment;
import dev.orca.model.Status;
import dev.orca.model.StatusCause;
import dev.orca.model.StatusDetails;
import dev.orca.model.TCPSocketAction;
import dev.orca.model.Taint;
import dev.orca.model.Toleration;
import dev.orca.node.NodeAgent;
import dev.orca.node.WorkerNodes;
import dev.orca.store.ObjectEvent;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message that crosses JVMs or goes to the journal round-trips through the serializer the
 * configuration binds it to (jackson-cbor, via {@link CborSerializable}).
 */
class SerializationTest {
  private static ActorTestKit testKit;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    Config config = ConfigFactory.parseString("pekko.actor.provider = local")
        .withFallback(ConfigFactory.load());
    testKit = ActorTestKit.create("SerializationTest", config);
    serialization = SerializationExtension.get(testKit.system().classicSystem());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** Serializes as a remote send or a journal write would, reads it back and compares. */
  private static Object roundTrip(Object message) {
    Serializer serializer = serialization.findSerializerFor(message);
    assertInstanceOf(JacksonCborSerializer.class, serializer, () -> message.getClass() + " is bound to " + serializer);
    String manifest = Serializers.manifestFor(serializer, message);
    byte[] bytes = serialization.serialize(message).get();
    Object back = serialization.deserialize(bytes, serializer.identifier(), manifest).get();
    assertNotSame(message, back);
    assertEquals(message, back);
    return back;
  }

  // ---- fully populated objects --------------------------------------------------------------

  static ObjectMeta meta(String namespace, String name) {
    return new ObjectMeta(name, name + "-", namespace, "uid-" + name,
        Map.of("app", "web", "tier", "front"),
        Map.of("deployment.kubernetes.io/revision", "3", "note", "a \"quoted\" value"),
        List.of(new OwnerReference("apps/v1", "ReplicaSet", "web-abc", "uid-web-abc", true, true),
            new OwnerReference("v1", "Pod", "other", "uid-other", false, null)),
        List.of("orca.dev/finalizer", "foregroundDeletion"),
        "2025-01-01T00:00:00Z", "2025-01-01T00:05:00Z", 30L, 7L, "1234");
  }

  static Probe probe() {
    return new Probe(new ExecAction(List.of("cat", "/tmp/healthy")), new HTTPGetAction("/healthz", IntOrString.of("http"),
        "localhost", "HTTP"), new TCPSocketAction(IntOrString.of(8080), null), 1, 2, 3, 1, 5);
  }

  static PodSpec podSpec(String nodeName) {
    Container web = new Container("web", "nginx:1.25", List.of("nginx"), List.of("-g", "daemon off;"), "/srv",
        List.of(new EnvVar("MODE", "prod"), new EnvVar("EMPTY", "")),
        List.of(new ContainerPort("http", 80, "TCP", 8080)),
        new ResourceRequirements(Map.of("cpu", "500m", "memory", "128Mi"), Map.of("cpu", "1", "memory", "256Mi")),
        probe(), probe(), probe(), "IfNotPresent");
    Container sidecar = new Container("log", "busybox", null, null, null, null, null, null, null, null, null, null);
    Affinity affinity = new Affinity(
        new NodeAffinity(new NodeSelector(List.of(new NodeSelectorTerm(
            List.of(new NodeSelectorRequirement("zone", "In", List.of("a", "b"))),
            List.of(new NodeSelectorRequirement("metadata.name", "NotIn", List.of("node-9"))))))),
        new PodAntiAffinity(List.of(new PodAffinityTerm(
            new LabelSelector(Map.of("app", "web"), List.of(new LabelSelectorRequirement("tier", "Exists", null))),
            List.of("default"), "kubernetes.io/hostname"))));
    return new PodSpec(List.of(web, sidecar), nodeName, Map.of("disk", "ssd"), affinity,
        List.of(new Toleration("dedicated", "Equal", "web", "NoSchedule", null),
            new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 300L)),
        "Always", 30L, "default-scheduler", "web-0");
  }

  static PodStatus podStatus() {
    return new PodStatus("Running",
        List.of(new PodCondition("Ready", "True", null, null, null, "2025-01-01T00:01:00Z"),
            new PodCondition("PodScheduled", "True", "Scheduled", "ok", "2025-01-01T00:00:30Z", "2025-01-01T00:00:30Z")),
        "all good", "Started", "10.0.0.1", "10.1.0.5", "2025-01-01T00:00:40Z",
        List.of(
            new ContainerStatus("web", new ContainerState(null, new ContainerStateRunning("2025-01-01T00:00:50Z"), null),
                new ContainerState(null, null, new ContainerStateTerminated(137, "Error", "OOMKilled",
                    "2025-01-01T00:00:41Z", "2025-01-01T00:00:49Z")),
                true, 1, "nginx:1.25", "nginx@sha256:abc", "sim://web-1", true),
            new ContainerStatus("log", new ContainerState(new ContainerStateWaiting("CrashLoopBackOff", "back-off"),
                null, null), null, false, 3, "busybox", null, "sim://log-1", false)));
  }

  static Pod pod() {
    return new Pod(Pod.API_VERSION, Pod.KIND, meta("default", "web-abc-x1"), podSpec("node-1"), podStatus());
  }

  static PodTemplateSpec template() {
    return new PodTemplateSpec(new ObjectMeta(null, null, null, null, Map.of("app", "web"),
        Map.of("kubectl.kubernetes.io/restartedAt", "now"), null, null, null, null, null, null, null), podSpec(null));
  }

  static LabelSelector selector() {
    return new LabelSelector(Map.of("app", "web"),
        List.of(new LabelSelectorRequirement("tier", "In", List.of("front", "edge"))));
  }

  static Deployment deployment() {
    DeploymentSpec spec = new DeploymentSpec(3, selector(), template(),
        new DeploymentStrategy("RollingUpdate", new RollingUpdateDeployment(IntOrString.of(0), IntOrString.of("25%"))),
        5, 10, false, 600);
    DeploymentStatus status = new DeploymentStatus(7L, 3, 2, 3, 3, 0,
        List.of(new DeploymentCondition("Available", "True", "MinimumReplicasAvailable", "ok",
                "2025-01-01T00:02:00Z", "2025-01-01T00:01:00Z"),
            new DeploymentCondition("Progressing", "True", "NewReplicaSetAvailable", "done",
                "2025-01-01T00:02:00Z", "2025-01-01T00:00:00Z")), 1);
    return new Deployment(Deployment.API_VERSION, Deployment.KIND, meta("default", "web"), spec, status);
  }

  static ReplicaSet replicaSet() {
    return new ReplicaSet(ReplicaSet.API_VERSION, ReplicaSet.KIND, meta("default", "web-abc"),
        new ReplicaSetSpec(3, 5, selector(), template()),
        new ReplicaSetStatus(3, 3, 2, 2, 7L, List.of(new ReplicaSetCondition("ReplicaFailure", "False", "ok", "none",
            "2025-01-01T00:00:00Z"))));
  }

  static Node node() {
    return new Node(Node.API_VERSION, Node.KIND, meta(null, "node-1"),
        new NodeSpec(true, List.of(new Taint("dedicated", "web", "NoSchedule", "2025-01-01T00:00:00Z")),
            "10.244.1.0/24", "sim://node-1"),
        new NodeStatus(Map.of("cpu", "4", "memory", "16Gi", "pods", "110"),
            Map.of("cpu", "3800m", "memory", "15Gi", "pods", "110"),
            List.of(new NodeCondition("Ready", "True", "KubeletReady", "ready", "2025-01-01T00:03:00Z",
                "2025-01-01T00:00:00Z")),
            List.of(new NodeAddress("InternalIP", "10.0.0.1"), new NodeAddress("Hostname", "node-1")),
            new NodeSystemInfo("m", "s", "b", "6.1", "Orca", "sim://1.0", "v1.30.0", "v1.30.0", "linux", "amd64")));
  }

  static Namespace namespace() {
    return new Namespace(Namespace.API_VERSION, Namespace.KIND, meta(null, "team-a"),
        new NamespaceSpec(List.of("kubernetes")), new NamespaceStatus("Terminating"));
  }

  static Event event() {
    return new Event(Event.API_VERSION, Event.KIND, meta("default", "web.1"),
        new ObjectReference("v1", "Pod", "default", "web", "uid-web", "12", "spec.containers{web}"),
        "BackOff", "Back-off restarting failed container", "Warning", 4, "2025-01-01T00:00:00Z",
        "2025-01-01T00:04:00Z", new EventSource("kubelet", "node-1"), "kubelet", "node-1");
  }

  static dev.orca.model.ConfigMap configMap() {
    return new dev.orca.model.ConfigMap(dev.orca.model.ConfigMap.API_VERSION, dev.orca.model.ConfigMap.KIND,
        meta("default", "settings"), Map.of("colour", "blue", "app.properties", "a=1\nb=2\n"), Map.of("raw", "AAEC"),
        true);
  }

  static dev.orca.model.Secret secret() {
    return new dev.orca.model.Secret(dev.orca.model.Secret.API_VERSION, dev.orca.model.Secret.KIND,
        meta("default", "creds"), Map.of("password", "czNjcjN0"), null, "Opaque", false);
  }

  /** A pod whose container takes its environment from a ConfigMap and a Secret. */
  static Pod podWithEnvFrom() {
    dev.orca.model.Container c = new dev.orca.model.Container("app", "busybox", List.of("sh"), null, null,
        List.of(new dev.orca.model.EnvFromSource("CFG_", new dev.orca.model.ConfigMapEnvSource("settings", true), null),
            new dev.orca.model.EnvFromSource(null, null, new dev.orca.model.SecretEnvSource("creds", null))),
        List.of(new EnvVar("COLOUR", null, new dev.orca.model.EnvVarSource(null,
                new dev.orca.model.ConfigMapKeySelector("settings", "colour", false), null)),
            new EnvVar("PASSWORD", null, new dev.orca.model.EnvVarSource(null, null,
                new dev.orca.model.SecretKeySelector("creds", "password", null)))),
        null, null, null, null, null, null, null);
    return new Pod(Pod.API_VERSION, Pod.KIND, meta("default", "env"),
        new PodSpec(List.of(c), null, null, null, null, "Always", null, null, null), null);
  }

  static Stream<KubeObject> objects() {
    return Stream.of(pod(), deployment(), replicaSet(), node(), namespace(), event(), configMap(), secret(),
        podWithEnvFrom(),
        // and sparse ones, as a client may send them
        new Pod(Pod.API_VERSION, Pod.KIND, ObjectMeta.named("default", "bare"), null, null),
        new Namespace(Namespace.API_VERSION, Namespace.KIND, ObjectMeta.named(null, "bare"), null, null));
  }

  // ---- journal events and entity state ------------------------------------------------------

  @ParameterizedTest
  @MethodSource("objects")
  void objectEventsRoundTrip(KubeObject object) {
    assertEquals(object, ((ObjectEvent) roundTrip(new ObjectEvent.ObjectCreated(object))).object());
    roundTrip(new ObjectEvent.ObjectUpdated(object));
    roundTrip(new ObjectEvent.ObjectDeleted(object));
  }

  @ParameterizedTest
  @MethodSource("objects")
  void entityStateRoundTrips(KubeObject object) {
    roundTrip(new ObjectEntity.State(object));
  }

  @Test
  void theStateOfAnAbsentObjectRoundTrips() {
    roundTrip(new ObjectEntity.State(null));
  }

  @Test
  void aDeploymentKeepsItsPercentAndCountIntOrStrings() {
    Deployment back = (Deployment) ((ObjectEvent) roundTrip(new ObjectEvent.ObjectUpdated(deployment()))).object();
    RollingUpdateDeployment rolling = back.spec().strategy().rollingUpdate();
    assertEquals("25%", rolling.maxSurge().stringValue());
    assertEquals(null, rolling.maxSurge().intValue());
    assertEquals(0, rolling.maxUnavailable().intValue());
    assertEquals(null, rolling.maxUnavailable().stringValue());
    assertEquals(1, rolling.maxSurge().scaledValue(3, true));
  }

  // ---- entity commands and replies ----------------------------------------------------------

  @Test
  void objectEntityCommandsRoundTrip() {
    TestProbe<ObjectEntity.WriteResult> probe = testKit.createTestProbe();
    roundTrip(new ObjectEntity.Create(pod(), probe.getRef()));
    roundTrip(new ObjectEntity.Create(deployment(), probe.getRef()));
    roundTrip(new ObjectEntity.Update(replicaSet(), 12L, false, probe.getRef()));
    roundTrip(new ObjectEntity.Update(node(), -1L, true, probe.getRef()));
    roundTrip(new ObjectEntity.Delete(ObjectEntity.FOREGROUND, "uid-web", probe.getRef()));
    roundTrip(new ObjectEntity.Delete(null, null, probe.getRef()));
    roundTrip(new ObjectEntity.ChildChanged("Pod|default/web-abc-x1", 4L));
    roundTrip(new ObjectEntity.DropOwner("uid-web"));
    roundTrip(new ObjectEntity.Reconcile());
  }

  @Test
  void aRoundTrippedReplyToStillReachesTheSender() {
    TestProbe<ObjectEntity.WriteResult> probe = testKit.createTestProbe();
    ObjectEntity.Create back = (ObjectEntity.Create) roundTrip(new ObjectEntity.Create(pod(), probe.getRef()));
    back.replyTo().tell(new ObjectEntity.Accepted("Pod|default/web-abc-x1", 1L));
    assertEquals(new ObjectEntity.Accepted("Pod|default/web-abc-x1", 1L), probe.receiveMessage());
  }

  @Test
  void writeResultsRoundTrip() {
    roundTrip(new ObjectEntity.Accepted("Deployment|default/web", 3L));
    roundTrip(new ObjectEntity.Rejected(Status.failure(409, "Conflict", "the object has been modified",
        new StatusDetails("web", "apps", "deployments", "uid-web",
            List.of(new StatusCause("FieldValueInvalid", "must be positive", "spec.replicas")), 1))));
    roundTrip(new ObjectEntity.Rejected(new Status("v1", "Status", new ListMeta("5", "token", 3L), "Failure",
        "gone", "Expired", null, 410)));
  }

  @Test
  void podEntityCommandsAndRepliesRoundTrip() {
    TestProbe<PodEntity.BindResult> probe = testKit.createTestProbe();
    roundTrip(new PodEntity.Bind("node-1", probe.getRef()));
    roundTrip(new PodEntity.MarkUnschedulable("0/3 nodes are available: 3 Insufficient cpu."));
    roundTrip(new PodEntity.ReportStatus(podStatus()));
    roundTrip(new PodEntity.ContainersStopped("node-1"));
    roundTrip(new PodEntity.MarkLost("node-1"));
    roundTrip(new PodEntity.Bound("node-1"));
    roundTrip(new PodEntity.BindingRejected("node node-1 is full"));
  }

  @Test
  void nodeEntityCommandsAndRepliesRoundTrip() {
    TestProbe<NodeEntity.AdmitResult> probe = testKit.createTestProbe();
    roundTrip(new NodeEntity.Register(node()));
    roundTrip(new NodeEntity.Admit("default/web-abc-x1", 500L, 128L * 1024 * 1024 * 1024, probe.getRef()));
    roundTrip(new NodeEntity.Admitted());
    roundTrip(new NodeEntity.NotAdmitted("Insufficient memory"));
  }

  @Test
  void aHeartbeatIsNoBytesOnTheWire() {
    NodeEntity.Heartbeat heartbeat = new NodeEntity.Heartbeat();
    Serializer serializer = serialization.findSerializerFor(heartbeat);
    assertInstanceOf(dev.orca.control.HeartbeatSerializer.class, serializer);
    byte[] bytes = serialization.serialize(heartbeat).get();
    assertEquals(0, bytes.length);
    assertEquals(heartbeat, serialization.deserialize(bytes, serializer.identifier(),
        Serializers.manifestFor(serializer, heartbeat)).get());
  }

  @Test
  void chaosMessagesToANodeAgentRoundTrip() {
    // the API finds a node agent through the receptionist: in a cluster it may live in another JVM
    TestProbe<Integer> probe = testKit.createTestProbe();
    roundTrip(new NodeAgent.StopHeartbeats());
    roundTrip(new NodeAgent.ResumeHeartbeats());
    roundTrip(new NodeAgent.CrashPod("default", "web", probe.getRef()));
  }

  @Test
  void findingANodesAgentThroughItsMembersWorkerRoundTrips() {
    // the API asks the worker of another JVM which agent runs a node
    TestProbe<WorkerNodes.AgentFound> found = testKit.createTestProbe();
    TestProbe<NodeAgent.Command> agent = testKit.createTestProbe();
    roundTrip(new WorkerNodes.FindAgent("sim-1", found.getRef()));
    roundTrip(new WorkerNodes.AgentFound("sim-1", agent.getRef()));
    roundTrip(new WorkerNodes.AgentFound("sim-2", null));
  }
}
