package dev.orca.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orca.model.Deployment;
import dev.orca.model.Json;
import dev.orca.model.Pod;

/**
 * The objects the benchmarks work on, as a client would send them and the API would store them:
 * a running pod of a Deployment (a few labels, an app container and a sidecar with requests and
 * limits, probes, env, ports, the default tolerations, status with conditions) and its
 * Deployment. Parsed with the API's own mapper, so the records are exactly what Orca holds.
 */
final class TypicalObjects {
  private TypicalObjects() {}

  static final String POD_JSON = """
      {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
          "name": "web-7d4b9c8f6d-x2x9q",
          "generateName": "web-7d4b9c8f6d-",
          "namespace": "shop",
          "uid": "5f0c8a4e-9d1b-4c7e-a3f2-1b2c3d4e5f60",
          "resourceVersion": "184467",
          "creationTimestamp": "2026-11-27T08:00:00Z",
          "labels": {"app": "web", "tier": "frontend", "env": "prod", "pod-template-hash": "7d4b9c8f6d"},
          "annotations": {"prometheus.io/scrape": "true", "prometheus.io/port": "9102"},
          "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9c8f6d",
            "uid": "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", "controller": true, "blockOwnerDeletion": true}]
        },
        "spec": {
          "containers": [
            {
              "name": "app",
              "image": "registry.local/shop/web:1.14.2",
              "args": ["--port=8080", "--log-format=json"],
              "env": [
                {"name": "PORT", "value": "8080"},
                {"name": "LOG_LEVEL", "value": "info"},
                {"name": "DB_HOST", "value": "postgres.shop.svc"},
                {"name": "CACHE_TTL_SECONDS", "value": "30"},
                {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}
              ],
              "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"},
                        {"name": "metrics", "containerPort": 9102, "protocol": "TCP"}],
              "resources": {"requests": {"cpu": "250m", "memory": "256Mi"},
                            "limits": {"cpu": "1", "memory": "512Mi"}},
              "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "initialDelaySeconds": 10,
                                "periodSeconds": 10, "timeoutSeconds": 1, "failureThreshold": 3},
              "readinessProbe": {"httpGet": {"path": "/ready", "port": "http"}, "periodSeconds": 5,
                                 "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3},
              "imagePullPolicy": "IfNotPresent"
            },
            {
              "name": "log-shipper",
              "image": "registry.local/infra/log-shipper:3.2",
              "env": [{"name": "TARGET", "value": "logs.infra.svc:5140"}],
              "resources": {"requests": {"cpu": "50m", "memory": "64Mi"},
                            "limits": {"cpu": "100m", "memory": "128Mi"}},
              "imagePullPolicy": "IfNotPresent"
            }
          ],
          "nodeSelector": {"kubernetes.io/os": "linux"},
          "tolerations": [
            {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
            {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}
          ],
          "restartPolicy": "Always",
          "terminationGracePeriodSeconds": 30,
          "schedulerName": "default-scheduler"
        },
        "status": {
          "phase": "Running",
          "conditions": [
            {"type": "PodScheduled", "status": "True", "lastTransitionTime": "2026-11-27T08:00:01Z"},
            {"type": "Initialized", "status": "True", "lastTransitionTime": "2026-11-27T08:00:01Z"},
            {"type": "ContainersReady", "status": "True", "lastTransitionTime": "2026-11-27T08:00:12Z"},
            {"type": "Ready", "status": "True", "lastTransitionTime": "2026-11-27T08:00:12Z"}
          ],
          "hostIP": "10.0.3.17",
          "podIP": "10.244.3.41",
          "startTime": "2026-11-27T08:00:01Z",
          "containerStatuses": [
            {"name": "app", "state": {"running": {"startedAt": "2026-11-27T08:00:03Z"}}, "ready": true,
             "restartCount": 0, "image": "registry.local/shop/web:1.14.2", "started": true,
             "containerID": "orca://3f9a1c"},
            {"name": "log-shipper", "state": {"running": {"startedAt": "2026-11-27T08:00:02Z"}}, "ready": true,
             "restartCount": 0, "image": "registry.local/infra/log-shipper:3.2", "started": true,
             "containerID": "orca://77b2e0"}
          ]
        }
      }
      """;

  static final String DEPLOYMENT_JSON = """
      {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "shop", "uid": "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a",
                     "resourceVersion": "184001", "generation": 4, "labels": {"app": "web"},
                     "creationTimestamp": "2026-11-20T10:00:00Z"},
        "spec": {
          "replicas": 6,
          "selector": {"matchLabels": {"app": "web"}},
          "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
          "template": {
            "metadata": {"labels": {"app": "web", "tier": "frontend", "env": "prod"}},
            "spec": SPEC
          }
        }
      }
      """;

  /** The running pod. */
  static Pod pod() {
    return read(POD_JSON, Pod.class);
  }

  /** The pod's Deployment, its template the pod's spec. */
  static Deployment deployment() {
    try {
      String spec = Json.mapper().writeValueAsString(Json.mapper().readTree(POD_JSON).get("spec"));
      return read(DEPLOYMENT_JSON.replace("SPEC", spec), Deployment.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return Json.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("fixture does not decode as " + type.getSimpleName(), e);
    }
  }
}
