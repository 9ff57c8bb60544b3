package dev.orca.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes' protobuf envelope, as kubectl's typed generators send ConfigMaps, Secrets, Services,
 * Deployments and Namespaces: bodies recorded from kubectl 1.32 (resources {@code protobuf/}, see
 * their README) and bodies written here for the fields the generators leave empty.
 */
class ProtobufBodiesTest {

  /** A protobuf message written field by field. */
  private static final class Message {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void varint(long v) {
      while ((v & ~0x7fL) != 0) {
        out.write((int) ((v & 0x7f) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    Message bytes(int field, byte[] value) {
      varint((long) field << 3 | 2);
      varint(value.length);
      out.writeBytes(value);
      return this;
    }

    Message string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Message message(int field, Message value) {
      return bytes(field, value.out.toByteArray());
    }

    Message bool(int field, boolean value) {
      return varint(field, value ? 1 : 0);
    }

    Message varint(int field, long value) {
      varint((long) field << 3);
      varint(value);
      return this;
    }

    /** intstr.IntOrString: type 1 (0 int, 1 string), intVal 2, strVal 3, all written as Go does. */
    Message intOrString(int field, int intVal, String strVal) {
      return message(field, new Message().varint(1, strVal.isEmpty() ? 0 : 1).varint(2, intVal).string(3, strVal));
    }

    Message entry(int field, String key, byte[] value) {
      return message(field, new Message().string(1, key).bytes(2, value));
    }

    byte[] envelope(String kind) {
      return envelope("v1", kind);
    }

    byte[] envelope(String apiVersion, String kind) {
      Message unknown = new Message().message(1, new Message().string(1, apiVersion).string(2, kind)).message(2, this)
          .string(3, "").string(4, "");
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(new byte[] {'k', '8', 's', 0});
      body.writeBytes(unknown.out.toByteArray());
      return body.toByteArray();
    }
  }

  /** ObjectMeta as Go writes it: every string field, empty ones too, and a zero creationTimestamp. */
  private static Message meta(String name) {
    return new Message().string(1, name).string(2, "").string(3, "").string(4, "").string(5, "").string(6, "")
        .message(8, new Message()).entry(11, "app", "web".getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode parse(byte[] body) {
    return Bodies.parse("application/vnd.kubernetes.protobuf", body);
  }

  /** A body kubectl sent, from the test resources. */
  private static JsonNode recorded(String name) throws IOException {
    try (InputStream in = ProtobufBodiesTest.class.getResourceAsStream("protobuf/" + name + ".pb")) {
      if (in == null) {
        throw new IllegalStateException("no recorded body " + name);
      }
      return parse(in.readAllBytes());
    }
  }

  @Test
  void kubectlCreateServiceClusterIpReadsAsItsJson() throws IOException {
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"mysvc\",\"labels\":{\"app\":\"mysvc\"}},"
        + "\"spec\":{\"ports\":[{\"name\":\"80-8080\",\"protocol\":\"TCP\",\"port\":80,\"targetPort\":8080}],"
        + "\"selector\":{\"app\":\"mysvc\"},\"type\":\"ClusterIP\"}}", recorded("service-clusterip").toString());
  }

  @Test
  void kubectlCreateServiceNodePortKeepsTheNodePort() throws IOException {
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}},"
        + "\"spec\":{\"ports\":[{\"name\":\"80-8080\",\"protocol\":\"TCP\",\"port\":80,\"targetPort\":8080,\"nodePort\":30123}],"
        + "\"selector\":{\"app\":\"web\"},\"type\":\"NodePort\"}}", recorded("service-nodeport").toString());
  }

  @Test
  void kubectlServicesWithANamedTargetNoPortsOrAnExternalName() throws IOException {
    assertEquals("[{\"name\":\"80-8080\",\"protocol\":\"TCP\",\"port\":80,\"targetPort\":8080},"
        + "{\"name\":\"443-https\",\"protocol\":\"TCP\",\"port\":443,\"targetPort\":\"https\"}]",
        recorded("service-named-target").path("spec").path("ports").toString());
    assertEquals("{\"selector\":{\"app\":\"headless\"},\"clusterIP\":\"None\",\"type\":\"ClusterIP\"}",
        recorded("service-headless").path("spec").toString());
    assertEquals("{\"selector\":{\"app\":\"ext\"},\"type\":\"ExternalName\",\"externalName\":\"example.com\"}",
        recorded("service-externalname").path("spec").toString());
  }

  @Test
  void kubectlCreateDeploymentWithACommandReadsAsItsJson() throws IOException {
    assertEquals("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"hello\",\"labels\":{\"app\":\"hello\"}},"
        + "\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"hello\"}},"
        + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"hello\"}},\"spec\":{\"containers\":[{\"name\":\"python\","
        + "\"image\":\"python:3\",\"command\":[\"python3\",\"-m\",\"http.server\",\"8080\"],\"resources\":{}}]}},"
        + "\"strategy\":{}}}", recorded("deployment-command").toString());
  }

  @Test
  void kubectlCreateDeploymentWithAPortOrTwoImages() throws IOException {
    assertEquals("[{\"name\":\"nginx\",\"image\":\"nginx\",\"ports\":[{\"containerPort\":80}],\"resources\":{}}]",
        recorded("deployment-port").path("spec").path("template").path("spec").path("containers").toString());
    JsonNode two = recorded("deployment-two-images");
    assertEquals(1, two.path("spec").path("replicas").asInt());
    assertEquals("[{\"name\":\"nginx\",\"image\":\"nginx\",\"resources\":{}},{\"name\":\"redis\",\"image\":\"redis\",\"resources\":{}}]",
        two.path("spec").path("template").path("spec").path("containers").toString());
  }

  @Test
  void kubectlCreateNamespaceReadsAsItsJson() throws IOException {
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"foo\"},\"spec\":{}}",
        recorded("namespace").toString());
  }

  /** A Container with every field Orca models, and some it does not (volumeMounts 9, tty 18). */
  private static Message container() {
    Message probe = new Message()
        .message(1, new Message().message(2, new Message().string(1, "/healthz").intOrString(2, 8080, "").string(3, "")
            .string(4, "HTTP")))
        .varint(2, 5).varint(3, 0).varint(4, 10).varint(5, 0).varint(6, 3);
    return new Message().string(1, "app").string(2, "busybox").string(3, "sh").string(4, "-c").string(4, "sleep 1")
        .string(5, "/work")
        .message(6, new Message().string(1, "http").varint(2, 0).varint(3, 8080).string(4, "TCP").string(5, ""))
        .message(7, new Message().string(1, "A").string(2, "1"))
        .message(7, new Message().string(1, "B").string(2, "").message(3, new Message()
            .message(3, new Message().message(1, new Message().string(1, "cm")).string(2, "k").bool(3, false))))
        .message(7, new Message().string(1, "C").message(3, new Message()
            .message(1, new Message().string(1, "v1").string(2, "metadata.name"))))
        .message(8, new Message()
            .message(1, new Message().string(1, "memory").message(2, new Message().string(1, "128Mi")))
            .message(2, new Message().string(1, "cpu").message(2, new Message().string(1, "250m"))))
        .message(9, new Message().string(1, "data").string(3, "/data"))
        .message(10, probe)
        .message(11, new Message().message(1, new Message().message(3, new Message().intOrString(1, 0, "http"))))
        .message(22, new Message().message(1, new Message().message(1, new Message().string(1, "true"))))
        .string(14, "Always")
        .varint(18, 1)
        .message(19, new Message().string(1, "CFG_").message(2, new Message().message(1, new Message().string(1, "cm"))))
        .message(19, new Message().string(1, "").message(3, new Message().message(1, new Message().string(1, "s"))
            .bool(2, true)));
  }

  @Test
  void aDeploymentReadsEveryFieldOrcaModelsAndSkipsTheRest() {
    Message podSpec = new Message().message(1, new Message().string(1, "data"))
        .message(2, container()).string(3, "Always").varint(4, 0).string(6, "ClusterFirst")
        .entry(7, "disk", "ssd".getBytes(StandardCharsets.UTF_8)).string(10, "").varint(11, 0).string(16, "h")
        .message(18, new Message()
            .message(1, new Message().message(1, new Message().message(1, new Message()
                .message(1, new Message().string(1, "zone").string(2, "In").string(3, "a").string(3, "b")))))
            .message(3, new Message().message(1, new Message()
                .message(1, new Message().entry(1, "app", "web".getBytes(StandardCharsets.UTF_8)))
                .string(3, "kubernetes.io/hostname"))))
        .string(19, "default-scheduler")
        .message(22, new Message().string(1, "k").string(2, "Exists").string(3, "").string(4, "NoExecute")
            .varint(5, 30));
    Message spec = new Message().varint(1, 0)
        .message(2, new Message().entry(1, "app", "web".getBytes(StandardCharsets.UTF_8))
            .message(2, new Message().string(1, "tier").string(2, "NotIn").string(3, "db")))
        .message(3, new Message().message(1, meta("")).message(2, podSpec))
        .message(4, new Message().string(1, "RollingUpdate")
            .message(2, new Message().intOrString(1, 0, "").intOrString(2, 0, "50%")))
        .varint(5, 0).varint(6, 3).bool(7, true).varint(9, 60);
    JsonNode d = parse(new Message().message(1, meta("d")).message(2, spec).message(3, new Message().varint(1, 7))
        .envelope("apps/v1", "Deployment"));

    assertEquals("{\"replicas\":0,\"selector\":{\"matchLabels\":{\"app\":\"web\"},"
        + "\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"NotIn\",\"values\":[\"db\"]}]},"
        + "\"template\":" + d.path("spec").path("template") + ","
        + "\"strategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxUnavailable\":0,\"maxSurge\":\"50%\"}},"
        + "\"revisionHistoryLimit\":3,\"paused\":true,\"progressDeadlineSeconds\":60}", d.path("spec").toString());
    assertEquals(false, d.has("status"));
    JsonNode pod = d.path("spec").path("template").path("spec");
    assertEquals("{\"labels\":{\"app\":\"web\"}}", d.path("spec").path("template").path("metadata").toString());
    assertEquals("\"Always\"|0|{\"disk\":\"ssd\"}|\"h\"|\"default-scheduler\"",
        pod.path("restartPolicy") + "|" + pod.path("terminationGracePeriodSeconds") + "|" + pod.path("nodeSelector") + "|"
            + pod.path("hostname") + "|" + pod.path("schedulerName"));
    assertEquals("{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":{\"nodeSelectorTerms\":"
        + "[{\"matchExpressions\":[{\"key\":\"zone\",\"operator\":\"In\",\"values\":[\"a\",\"b\"]}]}]}},"
        + "\"podAntiAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":[{\"labelSelector\":"
        + "{\"matchLabels\":{\"app\":\"web\"}},\"topologyKey\":\"kubernetes.io/hostname\"}]}}",
        pod.path("affinity").toString());
    assertEquals("[{\"key\":\"k\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":30}]",
        pod.path("tolerations").toString());
    assertEquals("{\"name\":\"app\",\"image\":\"busybox\",\"command\":[\"sh\"],\"args\":[\"-c\",\"sleep 1\"],"
        + "\"workingDir\":\"/work\",\"ports\":[{\"name\":\"http\",\"containerPort\":8080,\"protocol\":\"TCP\"}],"
        + "\"env\":[{\"name\":\"A\",\"value\":\"1\"},"
        + "{\"name\":\"B\",\"valueFrom\":{\"configMapKeyRef\":{\"name\":\"cm\",\"key\":\"k\",\"optional\":false}}},"
        + "{\"name\":\"C\",\"valueFrom\":{\"fieldRef\":{\"apiVersion\":\"v1\",\"fieldPath\":\"metadata.name\"}}}],"
        + "\"resources\":{\"limits\":{\"memory\":\"128Mi\"},\"requests\":{\"cpu\":\"250m\"}},"
        + "\"livenessProbe\":{\"httpGet\":{\"path\":\"/healthz\",\"port\":8080,\"scheme\":\"HTTP\"},"
        + "\"initialDelaySeconds\":5,\"periodSeconds\":10,\"failureThreshold\":3},"
        + "\"readinessProbe\":{\"tcpSocket\":{\"port\":\"http\"}},"
        + "\"startupProbe\":{\"exec\":{\"command\":[\"true\"]}},\"imagePullPolicy\":\"Always\","
        + "\"envFrom\":[{\"prefix\":\"CFG_\",\"configMapRef\":{\"name\":\"cm\"}},{\"secretRef\":{\"name\":\"s\",\"optional\":true}}]}",
        pod.path("containers").get(0).toString());
  }

  @Test
  void aFieldWithTheWrongWireTypeIsMalformed() {
    byte[] body = new Message().message(1, meta("x")).message(2, new Message().string(1, "two")).envelope("apps/v1",
        "Deployment");
    ApiException e = assertThrows(ApiException.class, () -> parse(body));
    assertEquals(400, e.status().code());
  }

  @Test
  void aConfigMapReadsAsItsJson() {
    byte[] body = new Message().message(1, meta("x"))
        .entry(2, "a", "b".getBytes(StandardCharsets.UTF_8))
        .entry(3, "raw", new byte[] {0, 1, 2})
        .bool(4, true)
        .envelope("ConfigMap");
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"labels\":{\"app\":\"web\"}},"
        + "\"data\":{\"a\":\"b\"},\"binaryData\":{\"raw\":\"AAEC\"},\"immutable\":true}", parse(body).toString());
  }

  @Test
  void aSecretsBytesBecomeBase64() {
    byte[] body = new Message().message(1, meta("s"))
        .entry(2, "k", "v".getBytes(StandardCharsets.UTF_8))
        .string(3, "Opaque")
        .entry(4, "plain", "text".getBytes(StandardCharsets.UTF_8))
        .envelope("Secret");
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"labels\":{\"app\":\"web\"}},"
        + "\"data\":{\"k\":\"dg==\"},\"type\":\"Opaque\",\"stringData\":{\"plain\":\"text\"}}", parse(body).toString());
  }

  @Test
  void otherKindsAndOtherBodiesAreStillUnsupported() {
    ApiException pod = assertThrows(ApiException.class, () -> parse(new Message().message(1, meta("p")).envelope("Pod")));
    assertEquals(415, pod.status().code());
    ApiException garbage = assertThrows(ApiException.class, () -> parse(new byte[] {1, 2, 3}));
    assertEquals(415, garbage.status().code());
    byte[] truncated = new Message().message(1, meta("x")).envelope("ConfigMap");
    ApiException malformed = assertThrows(ApiException.class,
        () -> parse(java.util.Arrays.copyOf(truncated, truncated.length - 3)));
    assertEquals(400, malformed.status().code());
  }
}
