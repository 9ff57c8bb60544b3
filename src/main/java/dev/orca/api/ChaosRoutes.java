package dev.orca.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.chaos.ActiveFaults;
import dev.orca.chaos.ChaosInjector;
import dev.orca.chaos.Durations;
import dev.orca.chaos.Fault;
import dev.orca.chaos.FaultKind;
import dev.orca.chaos.FaultRequests;
import dev.orca.chaos.FaultTarget;
import dev.orca.chaos.FaultTargetNotFound;
import dev.orca.chaos.InvalidFault;
import dev.orca.chaos.NodeFaults;
import dev.orca.chaos.PartitionFaults;
import dev.orca.model.Pod;
import dev.orca.model.ResourceType;
import dev.orca.model.Status;
import dev.orca.model.StatusCause;
import dev.orca.model.StatusDetails;
import dev.orca.store.ObjectKey;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Orca's fault injection, apart from the Kubernetes API: {@code POST /chaos/v1/faults} with
 * {@code {"kind", "target", "for"}} injects a fault into this member (instant ones answer 200 with
 * what they did; lasting ones 201 with the faults in effect, each ending by itself),
 * {@code GET /chaos/v1/faults} lists the lasting faults in effect here, and
 * {@code DELETE /chaos/v1/faults/ID} heals one early. Refused (403) unless
 * {@code orca.chaos.enabled = on}; bad input is a 400, 404, 409 or 422 Status.
 */
final class ChaosRoutes extends AllDirectives {
  private static final long BODY_LIMIT = 64 * 1024;
  private static final String FORBIDDEN =
      "fault injection is disabled on this member: start it with orca.chaos.enabled = on (--set orca.chaos.enabled=on)";

  private final boolean enabled;
  private final NodeFaults faults;
  private final ChaosInjector injector;
  private final PartitionFaults partitions;
  private final ObjectService service;
  private final WatchCache cache;

  ChaosRoutes(boolean enabled, NodeFaults faults, ChaosInjector injector, PartitionFaults partitions,
      ObjectService service, WatchCache cache) {
    this.enabled = enabled;
    this.partitions = partitions;
    this.faults = faults;
    this.injector = injector;
    this.service = service;
    this.cache = cache;
  }

  Route route() {
    return pathPrefix("chaos", () -> enabled ? pathPrefix("v1", () -> pathPrefix("faults", () -> concat(
        pathEnd(() -> concat(
            get(() -> complete(json(Map.of("kind", "FaultList", "items", injector.list().stream().map(ChaosRoutes::active).toList())))),
            post(() -> withSizeLimit(BODY_LIMIT, () -> entity(Unmarshaller.entityToByteArray(), this::inject))),
            complete(ApiErrors.toResponse(ApiErrors.methodNotAllowed())))),
        path(id -> concat(
            delete(() -> completeWithFuture(injector.heal(id).thenApply(healed -> healed
                ? json(Map.of("kind", "Status", "apiVersion", "v1", "status", "Success", "details", Map.of("name", id)))
                : ApiErrors.toResponse(ApiErrors.generic(404, "no fault " + id + " is in effect on this member"))))),
            complete(ApiErrors.toResponse(ApiErrors.methodNotAllowed())))))))
        : complete(ApiErrors.toResponse(ApiErrors.generic(403, FORBIDDEN))));
  }

  private Route inject(byte[] body) {
    Fault fault;
    try {
      JsonNode json = Bodies.parse("application/json", body);
      fault = FaultRequests.parse(json);
    } catch (InvalidFault e) {
      return complete(ApiErrors.toResponse(invalid(e)));
    }
    if (fault.target() instanceof FaultTarget.Members peers) {
      if (!partitions.available()) {
        return complete(ApiErrors.toResponse(invalid(new InvalidFault("kind", "this member cannot partition: start it with"
            + " pekko.remote.artery.advanced.test-mode = on (orca cluster up does when orca.chaos.enabled is on)"))));
      }
      for (String peer : peers.names()) {
        if (partitions.peer(peer).isEmpty()) {
          return complete(ApiErrors.toResponse(invalid(new InvalidFault("target", "'" + peer
              + "' is not a peer's address (pekko://orca@HOST:PORT or HOST:PORT, not this member's own)"))));
        }
      }
    }
    CompletionStage<HttpResponse> done;
    try {
      done = start(fault);
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    return completeWithFuture(done.exceptionally(ChaosRoutes::failure));
  }

  private CompletionStage<HttpResponse> start(Fault fault) {
    return switch (fault.kind()) {
      case DELETE_POD -> deletePod((FaultTarget.Pod) fault.target());
      case CRASH_CONTAINER -> crash((FaultTarget.Pod) fault.target());
      case STOP_HEARTBEATS, KILL_NODE_AGENT, PARTITION -> injector.inject(fault).thenApply(active -> json(201,
          Map.of("kind", "FaultList", "items", active.stream().map(ChaosRoutes::active).toList())));
      case KILL_JVM, PAUSE_JVM, PAUSE_DB -> CompletableFuture.completedFuture(ApiErrors.toResponse(invalid(new InvalidFault(
          "kind", fault.kind() + " acts on processes, not inside a member: use bin/orca chaos " + cliVerb(fault.kind())
              + " --data-dir DIR …"))));
    };
  }

  private CompletionStage<HttpResponse> deletePod(FaultTarget.Pod pod) {
    ResourcePath path = new ResourcePath(ResourceType.POD, pod.namespace(), pod.name(), null);
    return service.delete(path, new DeleteOptions(null, null, null),
            new WriteOptions(false, "orca-chaos", FieldValidation.IGNORE, List.of()))
        .thenApply(o -> json(200, Map.of("kind", FaultKind.DELETE_POD.wireName(), "target", pod.text(), "deleted", true)));
  }

  private CompletionStage<HttpResponse> crash(FaultTarget.Pod target) {
    StoredObject stored = cache.get(new ObjectKey(ResourceType.POD, target.namespace(), target.name()));
    if (stored == null) {
      throw ApiErrors.notFound(ResourceType.POD, target.name());
    }
    String node = ((Pod) stored.object()).spec().nodeName();
    if (node == null) {
      return CompletableFuture.completedFuture(ApiErrors.toResponse(ApiErrors.conflict(ResourceType.POD, target.name(),
          "the pod is not scheduled to a node, so no container of it runs")));
    }
    return faults.crashPod(node, target.namespace(), target.name(), target.container()).thenApply(n -> n < 0
        ? ApiErrors.toResponse(ApiErrors.conflict(ResourceType.POD, target.name(), "no agent runs its node " + node))
        : json(200, Map.of("kind", FaultKind.CRASH_CONTAINER.wireName(), "target", target.text(), "node", node,
            "crashedContainers", n)));
  }

  private static Map<String, Object> active(ActiveFaults.Active a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("kind", a.fault().kind().wireName());
    m.put("target", a.fault().target().text());
    m.put("for", Durations.format(a.fault().duration()));
    m.put("since", a.since().toString());
    m.put("until", a.until().toString());
    return m;
  }

  private static String cliVerb(FaultKind kind) {
    return switch (kind) {
      case KILL_JVM -> "kill";
      case PAUSE_JVM -> "pause";
      default -> "pause-db";
    };
  }

  /** 422 Invalid, kube-apiserver's shape: {@code Fault "" is invalid: kind: Unsupported value …}, the field in details.causes. */
  private static Status invalid(InvalidFault e) {
    String field = e.field();
    String message = "Fault is invalid: " + (field.isEmpty() ? "" : field + ": ") + e.getMessage();
    return Status.failure(422, "Invalid", message, new StatusDetails(null, "chaos.orca.dev", "Fault", null,
        List.of(new StatusCause("FieldValueInvalid", e.getMessage(), field.isEmpty() ? null : field)), null));
  }

  private static HttpResponse failure(Throwable e) {
    Throwable cause = e;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof FaultTargetNotFound) {
      return ApiErrors.toResponse(ApiErrors.generic(404, cause.getMessage()));
    }
    return ApiErrors.toResponse(Failures.toStatus(cause));
  }

  private static HttpResponse json(Object body) {
    return json(200, body);
  }

  private static HttpResponse json(int code, Object body) {
    return Bodies.render(body, code, "application/json");
  }
}
