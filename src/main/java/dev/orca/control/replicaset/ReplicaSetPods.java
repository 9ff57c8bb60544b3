package dev.orca.control.replicaset;

import dev.orca.control.Rfc3339;
import dev.orca.model.ObjectMeta;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.PodStatus;
import dev.orca.model.PodTemplateSpec;
import dev.orca.model.ReplicaSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pods a ReplicaSet makes from its template. */
public final class ReplicaSetPods {
  private ReplicaSetPods() {}

  /** The controller reference a ReplicaSet puts on the pods it makes. */
  public static OwnerReference controllerRef(ReplicaSet rs) {
    return new OwnerReference(ReplicaSet.API_VERSION, ReplicaSet.KIND, rs.metadata().name(), rs.metadata().uid(), true, true);
  }

  /**
   * A new pod named {@code name}: the template's labels, annotations, finalizers and spec, owned by
   * the ReplicaSet, Pending.
   */
  public static Pod fromTemplate(ReplicaSet rs, String name, Instant now) {
    PodTemplateSpec template = rs.spec().template();
    ObjectMeta templateMeta = template == null || template.metadata() == null
        ? ObjectMeta.named(null, null)
        : template.metadata();
    ObjectMeta meta = new ObjectMeta(
        name,
        null,
        rs.metadata().namespace(),
        null,
        copy(templateMeta.labels()),
        copy(templateMeta.annotations()),
        List.of(controllerRef(rs)),
        templateMeta.finalizers() == null ? null : List.copyOf(templateMeta.finalizers()),
        Rfc3339.format(now),
        null,
        null,
        null,
        null);
    PodStatus status = new PodStatus(Pods.PENDING, null, null, null, null, null, null, null);
    return new Pod(Pod.API_VERSION, Pod.KIND, meta, template == null ? null : template.spec(), status);
  }

  private static Map<String, String> copy(Map<String, String> map) {
    return map == null ? null : new LinkedHashMap<>(map);
  }
}
