package dev.orca.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orca.model.ObjectMeta;
import dev.orca.node.NodeMetrics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The documents of {@code metrics.k8s.io/v1beta1} as metrics-server writes them — NodeMetrics,
 * PodMetrics and their lists — made from what the node agents measured. Pure.
 */
final class ResourceMetrics {
  static final String API_VERSION = MetricsRoutes.GROUP + "/" + MetricsRoutes.VERSION;

  private ResourceMetrics() {}

  /** metrics-server's object metadata: name, namespace, labels of the object measured; created now. */
  record Meta(String name, String namespace, String creationTimestamp, Map<String, String> labels) {}

  /** {@code {"cpu": "12345n", "memory": "3456Ki"}}. */
  record Usage(String cpu, String memory) {}

  record NodeMetricsDocument(String kind, String apiVersion, Meta metadata, String timestamp, String window,
      Usage usage) {}

  record ContainerMetricsDocument(String name, Usage usage) {}

  record PodMetricsDocument(String kind, String apiVersion, Meta metadata, String timestamp, String window,
      @JsonInclude(JsonInclude.Include.ALWAYS) List<ContainerMetricsDocument> containers) {}

  record MetricsList(String kind, String apiVersion, Map<String, Object> metadata,
      @JsonInclude(JsonInclude.Include.ALWAYS) List<?> items) {}

  static NodeMetricsDocument node(ObjectMeta node, NodeMetrics metrics, Instant now) {
    return new NodeMetricsDocument("NodeMetrics", API_VERSION, meta(node.name(), null, node.labels(), now),
        seconds(metrics.timestamp()), window(metrics.windowMillis()),
        new Usage(cpu(metrics.cpuNanoCores()), memory(metrics.memoryBytes())));
  }

  static PodMetricsDocument pod(ObjectMeta pod, NodeMetrics metrics, NodeMetrics.PodUsage usage, Instant now) {
    List<ContainerMetricsDocument> containers = usage.containers().stream()
        .map(c -> new ContainerMetricsDocument(c.name(), new Usage(cpu(c.cpuNanoCores()), memory(c.memoryBytes()))))
        .toList();
    return new PodMetricsDocument("PodMetrics", API_VERSION, meta(pod.name(), pod.namespace(), pod.labels(), now),
        seconds(metrics.timestamp()), window(metrics.windowMillis()), containers);
  }

  static MetricsList list(String kind, List<?> items) {
    return new MetricsList(kind, API_VERSION, Map.of(), items);
  }

  private static Meta meta(String name, String namespace, Map<String, String> labels, Instant now) {
    return new Meta(name, namespace, seconds(now), labels == null || labels.isEmpty() ? null : labels);
  }

  private static String seconds(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** CPU as Kubernetes writes a DecimalSI quantity made from nanocores: {@code 0}, {@code 12m}, {@code 1234567n}. */
  static String cpu(long nanoCores) {
    if (nanoCores == 0) {
      return "0";
    }
    if (nanoCores % 1_000_000_000L == 0) {
      return Long.toString(nanoCores / 1_000_000_000L);
    }
    if (nanoCores % 1_000_000L == 0) {
      return nanoCores / 1_000_000L + "m";
    }
    if (nanoCores % 1_000L == 0) {
      return nanoCores / 1_000L + "u";
    }
    return nanoCores + "n";
  }

  /** Memory as Kubernetes writes a BinarySI quantity of bytes: {@code 0}, {@code 34Mi}, {@code 3456Ki}, {@code 1000}. */
  static String memory(long bytes) {
    if (bytes == 0) {
      return "0";
    }
    String[] units = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (6 - i));
      if (bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return Long.toString(bytes);
  }

  /** A window as Go prints a time.Duration: {@code 5s}, {@code 4.998s}, {@code 500ms}, {@code 1m30s}. */
  static String window(long millis) {
    if (millis <= 0) {
      return "0s";
    }
    if (millis < 1000) {
      return millis + "ms";
    }
    long minutes = millis / 60_000;
    long rest = millis % 60_000;
    String seconds = rest % 1000 == 0 ? Long.toString(rest / 1000)
        : String.format("%d.%03d", rest / 1000, rest % 1000).replaceAll("0+$", "");
    return (minutes > 0 ? minutes + "m" : "") + seconds + "s";
  }
}
