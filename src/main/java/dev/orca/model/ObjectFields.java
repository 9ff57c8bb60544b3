package dev.orca.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields each kind offers to field selectors, and their values on an object, as
 * kube-apiserver offers them (for the fields Orca's records model). Use with
 * {@link FieldSelectorQuery}: {@code query.matches(ObjectFields.of(pod)::get)}.
 */
public final class ObjectFields {
  private static final Set<String> POD = Set.of("metadata.name", "metadata.namespace", "spec.nodeName",
      "spec.restartPolicy", "spec.schedulerName", "status.phase", "status.podIP");
  private static final Set<String> EVENT = Set.of("metadata.name", "metadata.namespace",
      "involvedObject.apiVersion", "involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
      "involvedObject.uid", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
      "reportingComponent", "source", "type");

  private ObjectFields() {}

  public static Set<String> supported(ResourceType type) {
    return switch (type) {
      case POD -> POD;
      case EVENT -> EVENT;
      case REPLICA_SET -> Set.of("metadata.name", "metadata.namespace", "status.replicas");
      case DEPLOYMENT -> Set.of("metadata.name", "metadata.namespace");
      case NODE -> Set.of("metadata.name", "spec.unschedulable");
      case NAMESPACE -> Set.of("metadata.name", "status.phase");
      case SERVICE, ENDPOINTS, ENDPOINT_SLICE -> Set.of("metadata.name", "metadata.namespace");
      case CONFIG_MAP -> Set.of("metadata.name", "metadata.namespace");
      case SECRET -> Set.of("metadata.name", "metadata.namespace", "type");
    };
  }

  /** The value of every supported field; a field that is not set reads as "". */
  public static Map<String, String> of(KubeObject object) {
    Map<String, String> fields = new HashMap<>();
    ResourceType type = Kinds.of(object);
    ObjectMeta meta = object.metadata();
    fields.put("metadata.name", meta == null ? null : meta.name());
    if (type.namespaced()) {
      fields.put("metadata.namespace", meta == null ? null : meta.namespace());
    }
    switch (type) {
      case POD -> podFields((Pod) object, fields);
      case EVENT -> eventFields((Event) object, fields);
      case REPLICA_SET -> {
        ReplicaSetStatus status = ((ReplicaSet) object).status();
        fields.put("status.replicas", String.valueOf(status == null || status.replicas() == null ? 0 : status.replicas()));
      }
      case NODE -> {
        NodeSpec spec = ((Node) object).spec();
        fields.put("spec.unschedulable", String.valueOf(spec != null && Boolean.TRUE.equals(spec.unschedulable())));
      }
      case NAMESPACE -> {
        NamespaceStatus status = ((Namespace) object).status();
        fields.put("status.phase", status == null ? null : status.phase());
      }
      case DEPLOYMENT, SERVICE, ENDPOINTS, ENDPOINT_SLICE, CONFIG_MAP -> { }
      case SECRET -> fields.put("type", ((Secret) object).type());
    }
    fields.replaceAll((field, value) -> value == null ? "" : value);
    return fields;
  }

  private static void podFields(Pod pod, Map<String, String> fields) {
    PodSpec spec = pod.spec();
    fields.put("spec.nodeName", spec == null ? null : spec.nodeName());
    fields.put("spec.restartPolicy", spec == null ? null : spec.restartPolicy());
    fields.put("spec.schedulerName", spec == null ? null : spec.schedulerName());
    PodStatus status = pod.status();
    fields.put("status.phase", status == null ? null : status.phase());
    fields.put("status.podIP", status == null ? null : status.podIP());
  }

  private static void eventFields(Event event, Map<String, String> fields) {
    ObjectReference involved = event.involvedObject();
    List<String> names = List.of("apiVersion", "kind", "namespace", "name", "uid", "resourceVersion", "fieldPath");
    List<String> values = involved == null ? null : Arrays.asList(involved.apiVersion(), involved.kind(),
        involved.namespace(), involved.name(), involved.uid(), involved.resourceVersion(), involved.fieldPath());
    for (int i = 0; i < names.size(); i++) {
      fields.put("involvedObject." + names.get(i), values == null ? null : values.get(i));
    }
    fields.put("reason", event.reason());
    fields.put("reportingComponent", event.reportingComponent());
    fields.put("source", event.source() == null ? null : event.source().component());
    fields.put("type", event.type());
  }
}
