package dev.orca.api;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import dev.orca.model.KubeObject;
import dev.orca.model.LabelSelectorQuery;
import dev.orca.model.Node;
import dev.orca.model.Pod;
import dev.orca.model.ResourceType;
import dev.orca.model.Status;
import dev.orca.model.StatusDetails;
import dev.orca.node.AgentDirectory;
import dev.orca.node.NodeAgent;
import dev.orca.node.NodeMetrics;
import dev.orca.store.ObjectKey;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code metrics.k8s.io/v1beta1} as metrics-server serves it, for {@code kubectl top}: NodeMetrics
 * and PodMetrics, listed (with labelSelector, and fieldSelector for pods) or one by name. Like
 * metrics-server scraping kubelets, it asks the agents of the nodes concerned for their latest
 * sample ({@link NodeAgent.ReadMetrics}); nothing of it is stored. A node or pod whose agent does
 * not answer, or has no sample of it yet, is left out of a list and is 404 by name.
 */
final class MetricsRoutes {
  static final String GROUP = "metrics.k8s.io";
  static final String VERSION = "v1beta1";

  private final WatchCache cache;
  private final ObjectService service;
  private final AgentDirectory agents;

  MetricsRoutes(WatchCache cache, ObjectService service, AgentDirectory agents) {
    this.cache = cache;
    this.service = service;
    this.agents = agents;
  }

  Route route() {
    return pathPrefix("apis", () -> pathPrefix(GROUP, () -> pathPrefix(VERSION, () -> get(() -> extractRequest(request -> {
      Query query = request.getUri().query();
      return concat(
          path("nodes", () -> respond(() -> nodes(query))),
          path(PathMatchers.segment("nodes").slash(PathMatchers.segment()), name -> respond(() -> node(name))),
          path("pods", () -> respond(() -> pods(null, query))),
          path(PathMatchers.segment("namespaces").slash(PathMatchers.segment()).slash("pods"),
              ns -> respond(() -> pods(ns, query))),
          path(PathMatchers.segment("namespaces").slash(PathMatchers.segment()).slash("pods").slash(PathMatchers.segment()),
              (ns, name) -> respond(() -> pod(ns, name))));
    })))));
  }

  private CompletionStage<HttpResponse> nodes(Query query) {
    Predicate<KubeObject> filter = labels(query);
    List<Node> nodes = cache.list(ResourceType.NODE, null, filter).items().stream().map(s -> (Node) s.object()).toList();
    return scrape(nodes.stream().map(n -> n.metadata().name()).toList()).thenApply(metrics -> {
      Instant now = Instant.now();
      List<Object> items = new ArrayList<>();
      for (Node n : nodes) {
        NodeMetrics m = metrics.get(n.metadata().name());
        if (m != null) {
          items.add(ResourceMetrics.node(n.metadata(), m, now));
        }
      }
      return Bodies.renderJson(ResourceMetrics.list("NodeMetricsList", items), 200);
    });
  }

  private CompletionStage<HttpResponse> node(String name) {
    StoredObject stored = cache.get(new ObjectKey(ResourceType.NODE, "", name));
    if (stored == null) {
      throw notFound("nodemetrics", "nodes", name, name);
    }
    Node n = (Node) stored.object();
    return scrape(List.of(name)).thenApply(metrics -> {
      NodeMetrics m = metrics.get(name);
      if (m == null) {
        throw notFound("nodemetrics", "nodes", name, name);
      }
      return Bodies.renderJson(ResourceMetrics.node(n.metadata(), m, Instant.now()), 200);
    });
  }

  private CompletionStage<HttpResponse> pods(String namespace, Query query) {
    Predicate<KubeObject> filter = service.filter(ResourceType.POD, query.get("labelSelector").orElse(null),
        query.get("fieldSelector").orElse(null));
    List<Pod> pods = cache.list(ResourceType.POD, namespace, filter).items().stream()
        .map(s -> (Pod) s.object()).filter(p -> p.spec() != null && p.spec().nodeName() != null).toList();
    Set<String> nodes = new LinkedHashSet<>();
    pods.forEach(p -> nodes.add(p.spec().nodeName()));
    return scrape(nodes).thenApply(metrics -> {
      Instant now = Instant.now();
      List<Object> items = new ArrayList<>();
      for (Pod p : pods) {
        podMetrics(p, metrics.get(p.spec().nodeName()), now).ifPresent(items::add);
      }
      return Bodies.renderJson(ResourceMetrics.list("PodMetricsList", items), 200);
    });
  }

  private CompletionStage<HttpResponse> pod(String namespace, String name) {
    StoredObject stored = cache.get(new ObjectKey(ResourceType.POD, namespace, name));
    Pod p = stored == null ? null : (Pod) stored.object();
    if (p == null || p.spec() == null || p.spec().nodeName() == null) {
      throw notFound("podmetrics", "pods", namespace + "/" + name, name);
    }
    return scrape(List.of(p.spec().nodeName())).thenApply(metrics ->
        podMetrics(p, metrics.get(p.spec().nodeName()), Instant.now())
            .map(doc -> Bodies.renderJson(doc, 200))
            .orElseThrow(() -> notFound("podmetrics", "pods", namespace + "/" + name, name)));
  }

  private static Optional<ResourceMetrics.PodMetricsDocument> podMetrics(Pod pod, NodeMetrics metrics, Instant now) {
    if (metrics == null) {
      return Optional.empty();
    }
    return metrics.pods().stream()
        .filter(u -> u.namespace().equals(pod.metadata().namespace()) && u.name().equals(pod.metadata().name()))
        .findFirst()
        .map(u -> ResourceMetrics.pod(pod.metadata(), metrics, u, now));
  }

  /** The latest sample of each node's agent that answered and has sampled; the others are left out. */
  private CompletionStage<Map<String, NodeMetrics>> scrape(Collection<String> nodes) {
    List<CompletableFuture<Optional<NodeMetrics>>> asks = new ArrayList<>();
    for (String node : nodes) {
      asks.add(agents.findNow(node)
          .thenCompose(agent -> agent.isEmpty()
              ? CompletableFuture.completedFuture(Optional.<NodeMetrics>empty())
              : AskPattern.<NodeAgent.Command, NodeMetrics>ask(agent.get(), NodeAgent.ReadMetrics::new,
                  agents.timeout(), agents.system().scheduler()).thenApply(Optional::of))
          .exceptionally(e -> Optional.empty())
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(asks.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
      Map<String, NodeMetrics> byNode = new HashMap<>();
      for (CompletableFuture<Optional<NodeMetrics>> ask : asks) {
        ask.join().filter(m -> m.timestamp() != null).ifPresent(m -> byNode.put(m.node(), m));
      }
      return byNode;
    });
  }

  private static Predicate<KubeObject> labels(Query query) {
    LabelSelectorQuery labels;
    try {
      labels = LabelSelectorQuery.parse(query.get("labelSelector").orElse(null));
    } catch (IllegalArgumentException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
    return o -> labels.matches(o.metadata().labelsOrEmpty());
  }

  /** metrics-server's 404: {@code podmetrics.metrics.k8s.io "default/web" not found}. */
  private static ApiException notFound(String resource, String kind, String shown, String name) {
    return new ApiException(Status.failure(404, "NotFound", resource + "." + GROUP + " \"" + shown + "\" not found",
        new StatusDetails(name, GROUP, kind, null, null, null)));
  }

  private static Route respond(Supplier<CompletionStage<HttpResponse>> response) {
    try {
      return completeWithFuture(response.get().exceptionally(e -> ApiErrors.toResponse(Failures.toStatus(e))));
    } catch (ApiException e) {
      return complete(ApiErrors.toResponse(e));
    }
  }
}
