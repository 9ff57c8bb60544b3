package dev.orca.api;

import dev.orca.chaos.NodeFaults;
import dev.orca.model.Pod;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectKey;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Orca's own fault-injection endpoints (not part of the Kubernetes API):
 * {@code POST /apis/orca.dev/v1/chaos/nodes/NODE/stop-heartbeats|resume-heartbeats} and
 * {@code POST /apis/orca.dev/v1/chaos/namespaces/NS/pods/POD/crash}.
 */
final class ChaosRoutes extends AllDirectives {
  private final NodeFaults faults;
  private final WatchCache cache;

  ChaosRoutes(NodeFaults faults, WatchCache cache) {
    this.faults = faults;
    this.cache = cache;
  }

  Route route() {
    return pathPrefix("apis", () -> pathPrefix("orca.dev", () -> pathPrefix("v1", () -> pathPrefix("chaos", () -> post(() ->
        concat(
            pathPrefix("nodes", () -> pathPrefix(node -> path(action -> nodeAction(node, action)))),
            pathPrefix("namespaces", () -> pathPrefix(ns -> pathPrefix("pods", () -> pathPrefix(pod ->
                path("crash", () -> crash(ns, pod)))))))
    )))));
  }

  private Route nodeAction(String node, String action) {
    boolean on;
    if (action.equals("stop-heartbeats")) {
      on = false;
    } else if (action.equals("resume-heartbeats")) {
      on = true;
    } else {
      return complete(ApiErrors.toResponse(ApiErrors.badRequest("unknown node fault: " + action).status()));
    }
    return completeWithFuture(faults.heartbeats(node, on).thenApply(found -> found
        ? json(Map.of("node", node, "heartbeats", on))
        : ApiErrors.toResponse(ApiErrors.badRequest("no agent runs node " + node).status())));
  }

  private Route crash(String namespace, String podName) {
    StoredObject stored = cache.get(new ObjectKey(ResourceType.POD, namespace, podName));
    if (stored == null || ((Pod) stored.object()).spec().nodeName() == null) {
      return complete(ApiErrors.toResponse(ApiErrors.badRequest("pod " + namespace + "/" + podName
          + " is not running on a node").status()));
    }
    CompletionStage<HttpResponse> done = faults.crashPod(((Pod) stored.object()).spec().nodeName(), namespace, podName)
        .thenApply(n -> n < 0
            ? ApiErrors.toResponse(ApiErrors.badRequest("no agent runs node " + ((Pod) stored.object()).spec().nodeName()))
            : json(Map.of("pod", podName, "crashedContainers", n)));
    return completeWithFuture(done.exceptionally(e -> ApiErrors.toResponse(Failures.toStatus(e))));
  }

  private static HttpResponse json(Object body) {
    return Bodies.render(body, 200, "application/json");
  }
}
