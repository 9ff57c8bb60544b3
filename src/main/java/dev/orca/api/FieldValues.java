package dev.orca.api;

import dev.orca.model.Event;
import dev.orca.model.KubeObject;
import dev.orca.model.Node;
import dev.orca.model.Pod;
import dev.orca.model.ResourceType;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/** The fields a fieldSelector may name, per type, and their values on an object. */
final class FieldValues {
  private FieldValues() {}

  static Set<String> supported(ResourceType type) {
    Set<String> fields = new HashSet<>(Set.of("metadata.name", "metadata.namespace"));
    switch (type) {
      case POD -> fields.addAll(Set.of("spec.nodeName", "status.phase", "spec.restartPolicy", "spec.schedulerName"));
      case NODE -> fields.add("spec.unschedulable");
      case NAMESPACE -> fields.add("status.phase");
      case EVENT -> fields.addAll(Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
          "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
          "involvedObject.fieldPath", "reason", "type", "source"));
      default -> { }
    }
    return fields;
  }

  static Function<String, String> of(KubeObject object) {
    return field -> {
      switch (field) {
        case "metadata.name":
          return object.metadata().name();
        case "metadata.namespace":
          return object.metadata().namespace() == null ? "" : object.metadata().namespace();
        default:
          break;
      }
      if (object instanceof Pod pod) {
        return switch (field) {
          case "spec.nodeName" -> orEmpty(pod.spec() == null ? null : pod.spec().nodeName());
          case "status.phase" -> orEmpty(pod.status() == null ? null : pod.status().phase());
          case "spec.restartPolicy" -> orEmpty(pod.spec() == null ? null : pod.spec().restartPolicy());
          case "spec.schedulerName" -> orEmpty(pod.spec() == null ? null : pod.spec().schedulerName());
          default -> "";
        };
      }
      if (object instanceof Node node && field.equals("spec.unschedulable")) {
        return Boolean.toString(node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable()));
      }
      if (object instanceof Event event && event.involvedObject() != null) {
        var ref = event.involvedObject();
        return switch (field) {
          case "involvedObject.kind" -> orEmpty(ref.kind());
          case "involvedObject.namespace" -> orEmpty(ref.namespace());
          case "involvedObject.name" -> orEmpty(ref.name());
          case "involvedObject.uid" -> orEmpty(ref.uid());
          case "involvedObject.apiVersion" -> orEmpty(ref.apiVersion());
          case "involvedObject.resourceVersion" -> orEmpty(ref.resourceVersion());
          case "involvedObject.fieldPath" -> orEmpty(ref.fieldPath());
          case "reason" -> orEmpty(event.reason());
          case "type" -> orEmpty(event.type());
          default -> "";
        };
      }
      return "";
    };
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
