package dev.orca.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import dev.orca.model.ObjectMeta;
import dev.orca.node.NodeMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceMetricsTest {

  @Test
  void quantitiesAreWrittenAsKubernetesWritesThem() {
    assertEquals("0", ResourceMetrics.cpu(0));
    assertEquals("12m", ResourceMetrics.cpu(12_000_000));
    assertEquals("2", ResourceMetrics.cpu(2_000_000_000L));
    assertEquals("1500u", ResourceMetrics.cpu(1_500_000));
    assertEquals("1234567n", ResourceMetrics.cpu(1_234_567));
    assertEquals("0", ResourceMetrics.memory(0));
    assertEquals("34Mi", ResourceMetrics.memory(34L * 1024 * 1024));
    assertEquals("3460Ki", ResourceMetrics.memory(3460L * 1024));
    assertEquals("1000", ResourceMetrics.memory(1000));
    assertEquals("5s", ResourceMetrics.window(5000));
    assertEquals("4.998s", ResourceMetrics.window(4998));
    assertEquals("4.5s", ResourceMetrics.window(4500));
    assertEquals("300ms", ResourceMetrics.window(300));
    assertEquals("1m30s", ResourceMetrics.window(90_000));
  }

  @Test
  void podMetricsCarryTheContainersUsageAndThePodsLabels() {
    Instant at = Instant.parse("2025-01-02T03:04:05.678Z");
    NodeMetrics.PodUsage usage = new NodeMetrics.PodUsage("default", "web",
        List.of(new NodeMetrics.ContainerMetrics("main", 12_000_000, 34L * 1024 * 1024)));
    NodeMetrics node = new NodeMetrics("local", at, 5000, 2_000_000_000L, 1L << 30, List.of(usage));
    ObjectMeta meta = ObjectMeta.named("default", "web").withLabels(Map.of("app", "web"));
    JsonNode doc = Json.mapper().valueToTree(ResourceMetrics.pod(meta, node, usage, at));
    assertEquals("PodMetrics", doc.path("kind").asText());
    assertEquals("metrics.k8s.io/v1beta1", doc.path("apiVersion").asText());
    assertEquals("2025-01-02T03:04:05Z", doc.path("timestamp").asText());
    assertEquals("5s", doc.path("window").asText());
    assertEquals("{\"app\":\"web\"}", doc.path("metadata").path("labels").toString());
    assertEquals("[{\"name\":\"main\",\"usage\":{\"cpu\":\"12m\",\"memory\":\"34Mi\"}}]", doc.path("containers").toString());

    JsonNode nodeDoc = Json.mapper().valueToTree(ResourceMetrics.node(ObjectMeta.named(null, "local"), node, at));
    assertEquals("{\"cpu\":\"2\",\"memory\":\"1Gi\"}", nodeDoc.path("usage").toString());
    assertEquals("local", nodeDoc.path("metadata").path("name").asText());
  }
}
