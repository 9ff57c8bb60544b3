package dev.orca.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.model.Deployment;
import dev.orca.model.DeploymentSpec;
import dev.orca.model.Json;
import dev.orca.model.KubeObject;
import dev.orca.model.LabelSelector;
import dev.orca.model.LabelSelectorQuery;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetSpec;
import dev.orca.store.StoredObject;

/** The {@code scale} subresource of Deployments and ReplicaSets as an autoscaling/v1 Scale. Pure. */
final class Scales {
  private Scales() {}

  static boolean scalable(KubeObject object) {
    return object instanceof Deployment || object instanceof ReplicaSet;
  }

  static ObjectNode of(StoredObject stored) {
    KubeObject o = stored.object();
    Integer desired;
    Integer current;
    LabelSelector selector;
    if (o instanceof Deployment d) {
      desired = d.spec().replicas();
      current = d.status() == null ? null : d.status().replicas();
      selector = d.spec().selector();
    } else if (o instanceof ReplicaSet r) {
      desired = r.spec().replicas();
      current = r.status() == null ? null : r.status().replicas();
      selector = r.spec().selector();
    } else {
      throw ApiErrors.pathNotFound();
    }
    ObjectNode scale = Json.mapper().createObjectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    meta.put("name", o.metadata().name());
    meta.put("namespace", o.metadata().namespace());
    meta.put("uid", o.metadata().uid());
    meta.put("resourceVersion", Long.toString(stored.resourceVersion()));
    meta.put("creationTimestamp", o.metadata().creationTimestamp());
    scale.putObject("spec").put("replicas", desired == null ? 1 : desired);
    ObjectNode status = scale.putObject("status");
    status.put("replicas", current == null ? 0 : current);
    status.put("selector", LabelSelectorQuery.of(selector).toString());
    return scale;
  }

  /** The object with the replicas a Scale asks for. */
  static KubeObject withReplicas(KubeObject o, JsonNode scale) {
    JsonNode replicas = scale.path("spec").path("replicas");
    if (!replicas.isIntegralNumber()) {
      throw ApiErrors.badRequest("Scale.spec.replicas must be an integer, not " + replicas);
    }
    int n = replicas.asInt();
    if (o instanceof Deployment d) {
      DeploymentSpec s = d.spec();
      return d.withSpec(new DeploymentSpec(n, s.selector(), s.template(), s.strategy(), s.minReadySeconds(),
          s.revisionHistoryLimit(), s.paused(), s.progressDeadlineSeconds()));
    }
    ReplicaSet r = (ReplicaSet) o;
    ReplicaSetSpec s = r.spec();
    return r.withSpec(new ReplicaSetSpec(n, s.minReadySeconds(), s.selector(), s.template()));
  }
}
