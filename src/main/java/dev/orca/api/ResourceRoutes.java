package dev.orca.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import dev.orca.api.patch.Patches;
import dev.orca.api.table.IncludeObject;
import dev.orca.api.table.TableVersion;
import dev.orca.api.table.TableWatch;
import dev.orca.api.table.Tables;
import java.time.Instant;
import dev.orca.model.KubeObject;
import dev.orca.store.StoredObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
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

  private final PodLogs podLogs;

  private final Duration bookmarkInterval;

  ResourceRoutes(ActorSystem<?> system, ObjectService service, PodLogs podLogs, Limits limits, int watcherBuffer) {
    this.bookmarkInterval = system.settings().config().getDuration("orca.api.watch-bookmark-interval");
    this.system = system;
    this.service = service;
    this.podLogs = podLogs;
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
    HttpMethod method = request.method();
    String sub = path.subresource();
    if (sub == null) {
      return mainResource(path, request, query, accept, method);
    }
    if (path.isCollection()) {
      return complete(ApiErrors.toResponse(ApiErrors.pathNotFound()));
    }
    switch (sub) {
      case "status":
        return status(path, request, query, accept, method);
      case "scale":
        return scale(path, request, query, accept, method);
      case "log":
        if (path.type() != dev.orca.model.ResourceType.POD || !method.equals(HttpMethods.GET)) {
          return notAllowed(path, method);
        }
        return respondAsync(() -> podLogs.read(path.namespace(), path.name(), PodLogs.Options.from(query)));
      case "eviction":
        if (!method.equals(HttpMethods.POST)) {
          return notAllowed(path, method);
        }
        return withBody(request, body -> respondAsync(() -> service.evict(path, body, writeOptions(request))
            .thenApply(status -> Bodies.render(status, 201, accept))));
      default:
        return complete(ApiErrors.toResponse(ApiErrors.pathNotFound()));
    }
  }

  private Route mainResource(ResourcePath path, HttpRequest request, Query query, String accept, HttpMethod method) {
    if (method.equals(HttpMethods.GET)) {
      return path.isCollection() ? listOrWatch(path, request, query, accept) : respond(() -> one(path, query, accept), accept);
    }
    if (method.equals(HttpMethods.POST) && path.isCollection()) {
      return withBody(request, (raw, body) -> warned(request, options -> {
        ObjectReader.read(path.type(), body);
        options.checkFields(path.type(), raw, body);
        return service.create(path, body, options);
      }, StatusCodes.CREATED.intValue(), accept));
    }
    if (method.equals(HttpMethods.PUT) && !path.isCollection()) {
      return withBody(request, (raw, body) -> warned(request, options -> {
        ObjectReader.read(path.type(), body);
        options.checkFields(path.type(), raw, body);
        return service.replace(path, body, false, options);
      }, StatusCodes.OK.intValue(), accept));
    }
    if (method.equals(HttpMethods.PATCH) && !path.isCollection()) {
      return patch(path, request, query, accept, false);
    }
    if (method.equals(HttpMethods.DELETE) && !path.isCollection()) {
      return limits.bytes(bytes -> warned(request, options -> service.delete(path, DeleteOptions.from(bytes, query),
          options), 200, accept));
    }
    return notAllowed(path, method);
  }

  private Route status(ResourcePath path, HttpRequest request, Query query, String accept, HttpMethod method) {
    if (method.equals(HttpMethods.GET)) {
      return respond(() -> service.get(path), accept);
    }
    if (method.equals(HttpMethods.PUT)) {
      return withBody(request, body -> warned(request, options -> service.replace(path, body, true, options),
          StatusCodes.OK.intValue(), accept));
    }
    if (method.equals(HttpMethods.PATCH)) {
      return patch(path, request, query, accept, true);
    }
    return notAllowed(path, method);
  }

  private Route scale(ResourcePath path, HttpRequest request, Query query, String accept, HttpMethod method) {
    if (method.equals(HttpMethods.GET)) {
      return respond(() -> Scales.of(scalable(path)), accept);
    }
    if (method.equals(HttpMethods.PUT)) {
      return withBody(request, body -> warned(request, options -> {
        StoredObject current = scalable(path);
        return service.update(current, Scales.withReplicas(current.object(), body),
            body.path("metadata").path("resourceVersion").asText(null), false, options)
            .thenApply(o -> Scales.of(service.current(current.key())));
      }, 200, accept));
    }
    if (method.equals(HttpMethods.PATCH)) {
      String contentType = request.entity().getContentType().mediaType().toString();
      return limits.bytes(bytes -> warned(request, options -> {
        StoredObject current = scalable(path);
        JsonNode scale = Patches.apply(contentType, Scales.of(current), bytes, "Scale");
        return service.update(current, Scales.withReplicas(current.object(), scale), null, false,
            options).thenApply(o -> Scales.of(service.current(current.key())));
      }, 200, accept));
    }
    return notAllowed(path, method);
  }

  private StoredObject scalable(ResourcePath path) {
    StoredObject current = service.current(new dev.orca.store.ObjectKey(path.type(), path.namespace(), path.name()));
    if (!Scales.scalable(current.object())) {
      throw ApiErrors.pathNotFound();
    }
    return current;
  }

  private Route patch(ResourcePath path, HttpRequest request, Query query, String accept, boolean statusOnly) {
    String contentType = request.entity().getContentType().mediaType().toString();
    boolean force = query.get("force").map(f -> f.equals("true")).orElse(false);
    return limits.bytes(bytes -> warned(request, options -> service.patch(path, contentType, bytes, statusOnly, force,
        options), 200, accept));
  }

  /** One object, or a one-row Table when kubectl asks for tables. */
  private Object one(ResourcePath path, Query query, String accept) {
    KubeObject object = service.get(path);
    Optional<TableVersion> table = Tables.accepts(accept);
    if (table.isPresent()) {
      StoredObject stored = service.current(new dev.orca.store.ObjectKey(path.type(), path.namespace(), path.name()));
      return Tables.table(table.get(), path.type(), List.of(object), Long.toString(stored.resourceVersion()), null,
          Instant.now(), includeObject(query));
    }
    return object;
  }

  /** Watch events as plain objects, or as one-row Tables when kubectl asks for tables. */
  private static WatchStream.Encoder encoder(ResourcePath path, Query query, String accept) {
    Optional<TableVersion> table = Tables.accepts(accept);
    if (table.isEmpty()) {
      return WatchStream.JSON;
    }
    TableWatch rows = new TableWatch(path.type(), table.get(), includeObject(query));
    return (type, object) -> WatchStream.event(type, rows.next(object, Instant.now()));
  }

  private static IncludeObject includeObject(Query query) {
    try {
      return IncludeObject.fromQuery(query.get("includeObject").orElse(null));
    } catch (IllegalArgumentException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
  }

  private static WriteOptions writeOptions(HttpRequest request) {
    String manager = request.getHeader("User-Agent").map(h -> WriteOptions.managerFromUserAgent(h.value())).orElse("unknown");
    String kind = request.method().equals(HttpMethods.POST) ? FieldValidation.CREATE_OPTIONS
        : request.method().equals(HttpMethods.PATCH) ? FieldValidation.PATCH_OPTIONS : FieldValidation.UPDATE_OPTIONS;
    return WriteOptions.from(request.getUri().query(), manager, kind);
  }

  private Route notAllowed(ResourcePath path, HttpMethod method) {
    return complete(ApiErrors.toResponse(ApiErrors.methodNotAllowed(path.type(), method.name().toLowerCase())));
  }

  private Route respondAsync(java.util.function.Supplier<CompletionStage<HttpResponse>> response) {
    try {
      return completeWithFuture(response.get().exceptionally(e -> ApiErrors.toResponse(Failures.toStatus(e))));
    } catch (ApiException e) {
      return complete(ApiErrors.toResponse(e));
    }
  }

  private Route listOrWatch(ResourcePath path, HttpRequest request, Query query, String accept) {
    String labelSelector = query.get("labelSelector").orElse(null);
    String fieldSelector = query.get("fieldSelector").orElse(null);
    boolean watch = query.get("watch").map(w -> w.equals("true") || w.equals("1")).orElse(false);
    if (!watch) {
      return respond(() -> {
        ListVersion.check(query.get("resourceVersion").orElse(null), query.get("resourceVersionMatch").orElse(null),
            service.cache().resourceVersion());
        Integer limit;
        try {
          limit = query.get("limit").map(Integer::parseInt).orElse(null);
        } catch (NumberFormatException e) {
          throw ApiErrors.badRequest("invalid limit: " + query.get("limit").get());
        }
        ListPage page = ListPage.of(service.pageReader(path, labelSelector, fieldSelector), limit,
            query.get("continue").orElse(null), unselected(labelSelector) && unselected(fieldSelector));
        Optional<TableVersion> table = Tables.accepts(accept);
        if (table.isPresent()) {
          return Tables.table(table.get(), path.type(), page.items().stream().map(StoredObject::object).toList(),
              Long.toString(page.resourceVersion()), page.continueToken(), Instant.now(), includeObject(query));
        }
        return listBody(path, page);
      }, accept);
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
      boolean bookmarks = query.get("allowWatchBookmarks").map(b -> b.equals("true")).orElse(false);
      var source = WatchStream.open(system, service.cache(), path.namespace(), path.type(),
          service.filter(path.type(), labelSelector, fieldSelector), from, timeout, watcherBuffer, encoder(path, query, accept),
          bookmarks ? bookmarkInterval : null);
      Optional<WebSocketUpgrade> upgrade = request.getAttribute(org.apache.pekko.http.javadsl.model.AttributeKeys.webSocketUpgrade);
      if (upgrade.isPresent()) {
        // kube-apiserver also serves watches over WebSocket (the fabric8 client tries that first): one event a message
        Flow<Message, Message, NotUsed> events = Flow.fromSinkAndSourceCoupled(Sink.<Message>ignore(),
            source.map(line -> (Message) TextMessage.create(line.utf8String())));
        return upgrade.get().handleMessagesWith(events);
      }
      return HttpResponse.create().withStatus(200).withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, source));
    });
  }

  private static boolean unselected(String selector) {
    return selector == null || selector.isBlank();
  }

  /**
   * A list as kube-apiserver writes it. The items are the stored records, written straight to the
   * response by Jackson: turned into a tree each first (valueToTree), a page of 500 pods was
   * written twice over, a tenth of the API's CPU under a steady load of lists.
   */
  private static Map<String, Object> listBody(ResourcePath path, ListPage snapshot) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("resourceVersion", Long.toString(snapshot.resourceVersion()));
    if (snapshot.continueToken() != null) {
      meta.put("continue", snapshot.continueToken());
      if (snapshot.remainingItemCount() != null) {
        meta.put("remainingItemCount", snapshot.remainingItemCount());
      }
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("kind", path.type().kind() + "List");
    list.put("apiVersion", path.type().apiVersion());
    list.put("metadata", meta);
    list.put("items", snapshot.items().stream().map(StoredObject::object).toList());
    return list;
  }

  private Route withBody(HttpRequest request, Function<JsonNode, Route> inner) {
    return withBody(request, (raw, body) -> inner.apply(body));
  }

  private Route withBody(HttpRequest request, java.util.function.BiFunction<byte[], JsonNode, Route> inner) {
    return limits.bytes(bytes -> {
      JsonNode body;
      try {
        body = Bodies.parse(request.entity().getContentType().toString(), bytes);
      } catch (ApiException e) {
        return complete(ApiErrors.toResponse(e.status()));
      }
      return inner.apply(bytes, body);
    });
  }

  /** A write whose answer carries the field-validation warnings it collected as Warning headers. */
  private Route warned(HttpRequest request, Function<WriteOptions, CompletionStage<?>> write, int status, String accept) {
    CompletionStage<HttpResponse> response;
    try {
      WriteOptions options = writeOptions(request);
      response = write.apply(options).handle((value, error) -> error == null
          ? Bodies.render(value, value instanceof KubeObject ? status : 200, accept)
              .addHeaders(FieldValidation.warningHeaders(options.warnings()))
          : ApiErrors.toResponse(Failures.toStatus(error)));
    } catch (ApiException e) {
      return complete(ApiErrors.toResponse(e.status()));
    }
    return completeWithFuture(response);
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


}
