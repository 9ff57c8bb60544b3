package dev.orca.model;

import static dev.orca.model.Fixtures.container;
import static dev.orca.model.Fixtures.fields;
import static dev.orca.model.Fixtures.messages;
import static dev.orca.model.Fixtures.pod;
import static dev.orca.model.Fixtures.podSpec;
import static dev.orca.model.Fixtures.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of pods and of what every object's metadata must satisfy. */
class PodValidationTest {
  private static final PodSpec NGINX = podSpec(container("web", "nginx:1.25"));

  @Test
  void aMinimalPodIsValid() {
    assertEquals(List.of(), Validation.validateCreate(pod("web-1", NGINX)));
  }

  @Test
  void aDefaultedPodIsValid() {
    Pod pod = pod("web-1", podSpec(Fixtures.containerWithPorts("web", "nginx", new ContainerPort("http", 80, null, null))));
    assertEquals(List.of(), Validation.validateCreate(Defaults.applyDefaults(pod)));
  }

  @Test
  void nameIsRequiredUnlessGenerated() {
    assertEquals(List.of("metadata.name: Required value: name or generateName is required"),
        messages(Validation.validateCreate(pod(ObjectMeta.named("default", null), NGINX))));
    ObjectMeta generated =
        new ObjectMeta(null, "web-", "default", null, null, null, null, null, null, null, null, null, null);
    assertEquals(List.of(), Validation.validateCreate(pod(generated, NGINX)));
  }

  @Test
  void nameMustBeADnsSubdomain() {
    List<FieldError> errors = Validation.validateCreate(pod("Web_1", NGINX));
    assertEquals(1, errors.size());
    assertEquals("metadata.name", errors.get(0).field());
    assertEquals(FieldError.INVALID, errors.get(0).type());
    assertTrue(errors.get(0).message().startsWith(
        "metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of"), errors.get(0).message());
    assertEquals(List.of(), Validation.validateCreate(pod("web.v1", NGINX)), "dots are fine in a subdomain");
  }

  @Test
  void namespaceIsRequiredForANamespacedKind() {
    assertEquals(List.of("metadata.namespace: Required value"),
        messages(Validation.validateCreate(pod(ObjectMeta.named(null, "web"), NGINX))));
  }

  @Test
  void labelsAndAnnotationsAreChecked() {
    ObjectMeta meta = ObjectMeta.named("default", "web")
        .withLabels(Map.of("app", "web", "bad key", "x", "tier", "not valid"))
        .withAnnotations(Map.of("example.com/Note", "anything at all", "-bad", "x"));
    List<FieldError> errors = Validation.validateCreate(pod(meta, NGINX));
    assertEquals(List.of("metadata.labels", "metadata.labels", "metadata.annotations"), fields(errors));
    assertEquals("bad key", errors.get(0).value());
    assertEquals("not valid", errors.get(1).value());
    assertEquals("-bad", errors.get(2).value());
  }

  @Test
  void atLeastOneContainer() {
    assertEquals(List.of("spec.containers: Required value"),
        messages(Validation.validateCreate(pod("web", podSpec()))));
  }

  @Test
  void containerNamesAreUniqueDnsLabelsAndImagesRequired() {
    PodSpec spec = podSpec(container("web", "nginx"), container("web", "envoy"), container("Side.Car", null));
    List<String> messages = messages(Validation.validateCreate(pod("web", spec)));
    assertEquals(3, messages.size(), messages.toString());
    assertEquals("spec.containers[1].name: Duplicate value: \"web\"", messages.get(0));
    assertTrue(messages.get(1).startsWith("spec.containers[2].name: Invalid value: \"Side.Car\": a lowercase RFC 1123 label"));
    assertEquals("spec.containers[2].image: Required value", messages.get(2));
  }

  @Test
  void portsAreInRangeWithValidProtocols() {
    PodSpec spec = podSpec(Fixtures.containerWithPorts("web", "nginx",
        new ContainerPort(null, 0, "TCP", null),
        new ContainerPort(null, 70000, "HTTP", 99999)));
    assertEquals(List.of(
        "spec.containers[0].ports[0].containerPort: Required value",
        "spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
        "spec.containers[0].ports[1].hostPort: Invalid value: 99999: must be between 1 and 65535, inclusive",
        "spec.containers[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
        messages(Validation.validateCreate(pod("web", spec))));
  }

  @Test
  void quantitiesMustParseAndLimitsCoverRequests() {
    PodSpec spec = podSpec(container("web", "nginx", resources(
        Map.of("cpu", "2", "memory", "lots"), Map.of("cpu", "500m", "memory", "128Mi"))));
    assertEquals(List.of(
        "spec.containers[0].resources.requests[memory]: Invalid value: \"lots\": quantities must match the regular "
            + "expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        "spec.containers[0].resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 500m"),
        messages(Validation.validateCreate(pod("web", spec))));
  }

  @Test
  void requestsEqualToLimitsAndNegativeQuantities() {
    PodSpec equal = podSpec(container("web", "nginx", resources(Map.of("cpu", "0.5"), Map.of("cpu", "500m"))));
    assertEquals(List.of(), Validation.validateCreate(pod("web", equal)));
    PodSpec negative = podSpec(container("web", "nginx", resources(Map.of("memory", "-1Mi"), null)));
    assertEquals(List.of("spec.containers[0].resources.requests[memory]: Invalid value: \"-1Mi\": "
        + "must be greater than or equal to 0"), messages(Validation.validateCreate(pod("web", negative))));
    PodSpec unknown = podSpec(container("web", "nginx", resources(Map.of("gpu", "1"), null)));
    assertEquals(List.of("spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": "
        + "must be a standard resource for containers"), messages(Validation.validateCreate(pod("web", unknown))));
  }

  @Test
  void restartPolicyIsOneOfThree() {
    PodSpec spec = podSpec(List.of(container("web", "nginx")), null, "Sometimes");
    assertEquals(List.of("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: "
        + "\"Always\", \"OnFailure\", \"Never\""), messages(Validation.validateCreate(pod("web", spec))));
    assertEquals(List.of(), Validation.validateCreate(pod("web", podSpec(List.of(container("web", "nginx")), null, "Never"))));
  }

  @Test
  void tolerationOperatorsAndEffects() {
    List<Toleration> tolerations = List.of(
        new Toleration("dedicated", "Equal", "gpu", "NoSchedule", null),
        new Toleration(null, "Exists", null, null, null),
        new Toleration("dedicated", "Matches", "gpu", "NoSchedule", null),
        new Toleration("dedicated", "Equal", "gpu", "Sometimes", null),
        new Toleration("dedicated", "Exists", "gpu", "", null),
        new Toleration("dedicated", "Equal", "gpu", "NoSchedule", 30L));
    List<String> messages = messages(Validation.validateCreate(pod("web", Fixtures.podSpecWithScheduling(null, tolerations))));
    assertEquals(List.of(
        "spec.tolerations[2].operator: Unsupported value: \"Matches\": supported values: \"Equal\", \"Exists\"",
        "spec.tolerations[3].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", "
            + "\"PreferNoSchedule\", \"NoExecute\"",
        "spec.tolerations[4].operator: Invalid value: \"gpu\": value must be empty when `operator` is 'Exists'",
        "spec.tolerations[5].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"),
        messages);
  }

  @Test
  void nodeAffinityOperatorsAreChecked() {
    NodeSelectorTerm term = new NodeSelectorTerm(List.of(
        new NodeSelectorRequirement("zone", "In", List.of("a", "b")),
        new NodeSelectorRequirement("zone", "Near", List.of("a")),
        new NodeSelectorRequirement("cores", "Gt", List.of()),
        new NodeSelectorRequirement("zone", "In", List.of())), null);
    Affinity affinity = new Affinity(new NodeAffinity(new NodeSelector(List.of(term))), null);
    String prefix = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]";
    assertEquals(List.of(
        prefix + ".matchExpressions[1].operator: Invalid value: \"Near\": not a valid selector operator",
        prefix + ".matchExpressions[2].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
        prefix + ".matchExpressions[3].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"),
        messages(Validation.validateCreate(pod("web", Fixtures.podSpecWithScheduling(affinity, null)))));
  }

  @Test
  void antiAffinityNeedsATopologyKey() {
    PodAffinityTerm term = new PodAffinityTerm(Fixtures.matchLabels(Map.of("app", "web")), null, null);
    Affinity affinity = new Affinity(null, new PodAntiAffinity(List.of(term)));
    assertEquals(List.of("spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: "
        + "Required value: can not be empty"),
        messages(Validation.validateCreate(pod("web", Fixtures.podSpecWithScheduling(affinity, null)))));
    PodAffinityTerm good = new PodAffinityTerm(Fixtures.matchLabels(Map.of("app", "web")), null, "kubernetes.io/hostname");
    assertEquals(List.of(), Validation.validateCreate(pod("web",
        Fixtures.podSpecWithScheduling(new Affinity(null, new PodAntiAffinity(List.of(good))), null))));
  }

  @Test
  void probesNeedExactlyOneHandler() {
    Probe none = new Probe(null, null, null, null, null, null, null, null);
    Probe two = new Probe(new ExecAction(List.of("true")), null, new TCPSocketAction(IntOrString.of(8080), null),
        null, null, null, 2, null);
    Container c = new Container("web", "nginx", null, null, null, null, null, null, two, none, null, null);
    assertEquals(List.of(
        "spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type",
        "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
        "spec.containers[0].readinessProbe: Required value: must specify a handler type"),
        messages(Validation.validateCreate(pod("web", podSpec(c)))));
  }

  @Test
  void lifecycleHooksNeedExactlyOneCompleteHandler() {
    LifecycleHandler none = new LifecycleHandler(null, null);
    LifecycleHandler two = new LifecycleHandler(new ExecAction(List.of("true")),
        new HTTPGetAction("/", IntOrString.of(8080), null, null));
    LifecycleHandler emptyExec = new LifecycleHandler(new ExecAction(List.of()), null);
    LifecycleHandler badPort = new LifecycleHandler(null, new HTTPGetAction("/", IntOrString.of(70000), null, "FTP"));
    Container c = new Container("web", "nginx", null, null, null, null, null, null, null, null, null, null, null,
        new Lifecycle(none, two));
    Container d = new Container("db", "nginx", null, null, null, null, null, null, null, null, null, null, null,
        new Lifecycle(emptyExec, badPort));
    assertEquals(List.of(
        "spec.containers[0].lifecycle.postStart: Required value: must specify a handler type",
        "spec.containers[0].lifecycle.preStop.httpGet: Forbidden: may not specify more than 1 handler type",
        "spec.containers[1].lifecycle.postStart.exec.command: Required value",
        "spec.containers[1].lifecycle.preStop.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive",
        "spec.containers[1].lifecycle.preStop.httpGet.scheme: Unsupported value: \"FTP\": supported values: \"HTTP\", "
            + "\"HTTPS\""),
        messages(Validation.validateCreate(pod("web", podSpec(c, d)))));
    Container ok = new Container("web", "nginx", null, null, null, null, null, null, null, null, null, null, null,
        new Lifecycle(null, new LifecycleHandler(new ExecAction(List.of("sh", "-c", "sleep 1")), null)));
    assertEquals(List.of(), Validation.validateCreate(pod("web", podSpec(ok))));
  }

  @Test
  void nodesTaintsAndCapacity() {
    NodeSpec spec = new NodeSpec(null, List.of(
        new Taint("dedicated", "gpu", "NoSchedule", null),
        new Taint("dedicated", "gpu", "Sometimes", null),
        new Taint("dedicated", "other", "NoSchedule", null),
        new Taint("dedicated", null, null, null)), null, null);
    Node node = Fixtures.node("node-1", spec, Fixtures.capacity(Map.of("cpu", "4", "memory", "8Gi", "pods", "110.5")));
    List<String> messages = messages(Validation.validateCreate(node));
    assertEquals(List.of(
        "spec.taints[1].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", "
            + "\"PreferNoSchedule\", \"NoExecute\"",
        "spec.taints[3].effect: Required value",
        "status.capacity[pods]: Invalid value: \"110.5\": must be an integer"),
        messages.stream().filter(m -> !m.startsWith("spec.taints[2]:")).toList());
    assertTrue(messages.contains("spec.taints[2]: Duplicate value: {\"key\":\"dedicated\",\"value\":\"other\","
        + "\"effect\":\"NoSchedule\"}: taints must be unique by key and effect pair"), messages.toString());
    assertEquals(List.of(), Validation.validateCreate(Fixtures.node("node-1", null, Fixtures.capacity(Map.of("cpu", "4")))));
  }

  @Test
  void clusterScopedKindsTakeNoNamespace() {
    Node node = new Node(Node.API_VERSION, Node.KIND, ObjectMeta.named("default", "node-1"), null, null);
    assertEquals(List.of("metadata.namespace: Forbidden: not allowed on this type"), messages(Validation.validateCreate(node)));
  }

  @Test
  void namespaceNamesAreDnsLabels() {
    assertEquals(List.of(), Validation.validateCreate(Fixtures.namespace("team-a")));
    List<FieldError> errors = Validation.validateCreate(Fixtures.namespace("team.a"));
    assertEquals(List.of("metadata.name"), fields(errors));
    assertTrue(errors.get(0).detail().startsWith("a lowercase RFC 1123 label"));
    assertEquals(List.of("must be no more than 63 characters"),
        Validation.validateCreate(Fixtures.namespace("a".repeat(64))).stream().map(FieldError::detail).toList());
  }

  @Test
  void ownerReferencesNeedUidAndOneController() {
    OwnerReference a = new OwnerReference("apps/v1", "ReplicaSet", "a", "uid-a", true, true);
    OwnerReference b = new OwnerReference("apps/v1", "ReplicaSet", "b", null, true, true);
    Pod owned = pod(ObjectMeta.named("default", "web").withOwnerReferences(List.of(a, b)), NGINX);
    List<String> messages = messages(Validation.validateCreate(owned));
    assertEquals(2, messages.size(), messages.toString());
    assertEquals("metadata.ownerReferences[1].uid: Invalid value: \"\": must not be empty", messages.get(0));
    assertTrue(messages.get(1).endsWith("Only one reference can have Controller set to true. "
        + "Found \"true\" in references for ReplicaSet/a and ReplicaSet/b"), messages.get(1));
  }

  @Test
  void invalidStatusReadsLikeKubeApiserver() {
    Pod pod = pod("web", podSpec());
    Status status = Validation.invalidStatus(pod, Validation.validateCreate(pod));
    assertEquals(422, status.code());
    assertEquals("Invalid", status.reason());
    assertEquals("Pod \"web\" is invalid: spec.containers: Required value", status.message());
    assertEquals(List.of(new StatusCause("FieldValueRequired", "Required value", "spec.containers")),
        status.details().causes());
    assertEquals("Pod", status.details().kind());
  }
}
