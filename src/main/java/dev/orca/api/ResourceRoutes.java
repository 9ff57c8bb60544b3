package dev.orca.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.model.Json;
import dev.orca.model.KubeObject;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The resource endpoints of every kind on Kubernetes paths: list and watch, create, get,
 * replace (and the status subresource), delete. One generic route family driven by the type
 * registry; the work is in {@link ObjectService}.
 */
final class ResourceRoutes extends AllDirectives {
  private final ActorSystem<?> system;
  private final ObjectService service;
  private final Limits limits;
  private final int watcherBuffer;

  ResourceRoutes(ActorSystem<?> system, ObjectService service, Limits limits, int watcherBuffer) {
    this.system = system;
    this.service = service;
    this.limits = limits;
    this.watcherBuffer = watcherBuffer;
  }

  Route route() {
    return concat(
        pathPrefix("api", () -> pathPrefix("v1", () -> resources("", "v1"))),
        pathPrefix("apis", () -> pathPrefix(group -> pathPrefix(version -> resources(group, version)))));
  }

  private Route resources(String group, String version) {
    return extractUnmatchedPath(rest -> {
      List<String> segments = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
      Optional<ResourcePath> path = ResourcePath.parse(group, version, segments);
      if (path.isEmpty()) {
        return reject();
      }
      return extractRequest(request -> handle(path.get(), request));
    });
  }

  private Route handle(ResourcePath path, HttpRequest request) {
    Query query = request.getUri().query();
    String accept = request.getHeader("Accept").map(h -> h.value()).orElse("application/json");
    if (path.subresource() != null && !path.subresource().equals("status")) {
      return complete(ApiErrors.toResponse(ApiErrors.pathNotFound().status()));
    }
    if (request.method().equals(HttpMethods.GET)) {
      return path.isCollection() ? listOrWatch(path, query, accept) : respond(() -> service.get(path), accept);
    }
    if (request.method().equals(HttpMethods.POST) && path.isCollection() && path.subresource() == null) {
      return withBody(request, body -> async(() -> service.create(path, body), StatusCodes.CREATED.intValue(), accept));
    }
    if (request.method().equals(HttpMethods.PUT) && !path.isCollection()) {
      return withBody(request, body -> async(() -> service.replace(path, body, "status".equals(path.subresource())),
          StatusCodes.OK.intValue(), accept));
    }
    if (request.method().equals(HttpMethods.DELETE) && !path.isCollection() && path.subresource() == null) {
      return limits.bytes(bytes -> {
        DeleteOptions options = DeleteOptions.from(bytes, query);
        return async(() -> service.delete(path, options.propagationPolicy(), options.preconditionUid()), 200, accept);
      });
    }
    return complete(ApiErrors.toResponse(ApiErrors.methodNotAllowed(path.type(), request.method().name().toLowerCase()).status()));
  }

  private Route listOrWatch(ResourcePath path, Query query, String accept) {
    String labelSelector = query.get("labelSelector").orElse(null);
    String fieldSelector = query.get("fieldSelector").orElse(null);
    boolean watch = query.get("watch").map(w -> w.equals("true") || w.equals("1")).orElse(false);
    if (!watch) {
      return respond(() -> listBody(path, service.list(path, labelSelector, fieldSelector)), accept);
    }
    return respondRaw(() -> {
      String rv = query.get("resourceVersion").orElse("");
      Long from;
      try {
        from = rv.isEmpty() || rv.equals("0") ? null : Long.parseLong(rv);
      } catch (NumberFormatException e) {
        throw ApiErrors.badRequest("invalid resourceVersion: " + rv);
      }
      Duration timeout = Duration.ofSeconds(query.get("timeoutSeconds").map(Long::parseLong).orElse(1800L));
      var source = WatchStream.open(system, service.cache(), path.namespace(), path.type(),
          service.filter(path.type(), labelSelector, fieldSelector), from, timeout, watcherBuffer);
      return HttpResponse.create().withStatus(200).withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, source));
    });
  }

  private static ObjectNode listBody(ResourcePath path, WatchCache.Snapshot snapshot) {
    ObjectNode list = Json.mapper().createObjectNode();
    list.put("kind", path.type().kind() + "List");
    list.put("apiVersion", path.type().apiVersion());
    list.putObject("metadata").put("resourceVersion", Long.toString(snapshot.resourceVersion()));
    ArrayNode items = list.putArray("items");
    for (StoredObject s : snapshot.items()) {
      items.add(Json.mapper().valueToTree(s.object()));
    }
    return list;
  }

  private Route withBody(HttpRequest request, Function<JsonNode, Route> inner) {
    return limits.bytes(bytes -> {
      JsonNode body;
      try {
        body = Bodies.parse(request.entity().getContentType().toString(), bytes);
      } catch (ApiException e) {
        return complete(ApiErrors.toResponse(e.status()));
      }
      return inner.apply(body);
    });
  }

  private Route respond(java.util.function.Supplier<Object> body, String accept) {
    return respondRaw(() -> Bodies.render(body.get(), 200, accept));
  }

  private Route respondRaw(java.util.function.Supplier<HttpResponse> response) {
    try {
      return complete(response.get());
    } catch (ApiException e) {
      return complete(ApiErrors.toResponse(e.status()));
    }
  }

  private Route async(java.util.function.Supplier<CompletionStage<?>> result, int status, String accept) {
    CompletionStage<HttpResponse> response;
    try {
      response = result.get().handle((value, error) -> error == null
          ? Bodies.render(value, value instanceof KubeObject ? status : 200, accept)
          : ApiErrors.toResponse(Failures.toStatus(error)));
    } catch (ApiException e) {
      return complete(ApiErrors.toResponse(e.status()));
    }
    return completeWithFuture(response);
  }
}
