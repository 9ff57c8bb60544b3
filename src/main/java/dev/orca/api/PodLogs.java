package dev.orca.api;

import dev.orca.model.Container;
import dev.orca.model.ContainerStatus;
import dev.orca.model.Pod;
import dev.orca.model.ResourceType;
import dev.orca.node.AgentDirectory;
import dev.orca.node.NodeAgent;
import dev.orca.node.runtime.ContainerLog;
import dev.orca.store.ObjectKey;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The {@code pods/log} subresource: a container's output, read from the agent of the pod's node
 * (anywhere in the cluster), with kubectl's options — container, previous, tailLines,
 * sinceSeconds, timestamps and follow (which polls the agent for new lines while the container
 * runs).
 */
final class PodLogs {
  private static final Duration FOLLOW_POLL = Duration.ofMillis(500);

  /** What a log request asks for. */
  record Options(String container, boolean follow, boolean previous, Integer tailLines, Long sinceSeconds,
      boolean timestamps) {
    static Options from(Query q) {
      try {
        return new Options(q.get("container").orElse(null), bool(q, "follow"), bool(q, "previous"),
            q.get("tailLines").map(Integer::parseInt).orElse(null), q.get("sinceSeconds").map(Long::parseLong).orElse(null),
            bool(q, "timestamps"));
      } catch (NumberFormatException e) {
        throw ApiErrors.badRequest("invalid log options: " + e.getMessage());
      }
    }

    private static boolean bool(Query q, String name) {
      return q.get(name).map(v -> v.equals("true") || v.equals("1")).orElse(false);
    }
  }

  private record Poll(Optional<List<ContainerLog.Line>> chunk, boolean alive) {}

  private final WatchCache cache;
  private final AgentDirectory agents;

  PodLogs(WatchCache cache, AgentDirectory agents) {
    this.cache = cache;
    this.agents = agents;
  }

  CompletionStage<HttpResponse> read(String namespace, String podName, Options options) {
    StoredObject stored = cache.get(new ObjectKey(ResourceType.POD, namespace, podName));
    if (stored == null) {
      throw ApiErrors.notFound(ResourceType.POD, podName);
    }
    Pod pod = (Pod) stored.object();
    String container = container(pod, options.container());
    if (pod.spec().nodeName() == null || !started(pod, container)) {
      throw ApiErrors.badRequest("container \"" + container + "\" in pod \"" + podName + "\" is waiting to start: "
          + (pod.spec().nodeName() == null ? "PodInitializing" : "ContainerCreating"));
    }
    String node = pod.spec().nodeName();
    return fetch(node, namespace, podName, container, options.previous(), 0).thenApply(first -> {
      if (first.isEmpty()) {
        throw options.previous()
            ? ApiErrors.badRequest("previous terminated container \"" + container + "\" in pod \"" + podName + "\" not found")
            : ApiErrors.badRequest("container \"" + container + "\" in pod \"" + podName + "\" has no log on node " + node);
      }
      List<ContainerLog.Line> lines = select(first.get(), options);
      if (!options.follow() || options.previous()) {
        return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, render(lines, options)));
      }
      AtomicLong last = new AtomicLong(first.get().isEmpty() ? 0 : first.get().get(first.get().size() - 1).seq());
      // whether the pod still exists is read before each fetch, so the lines written while it went away
      // are still read once more before the stream ends
      Source<ByteString, NotUsed> more = Source.tick(FOLLOW_POLL, FOLLOW_POLL, "poll")
          .mapAsync(1, tick -> {
            boolean alive = stillRunning(namespace, podName);
            return fetch(node, namespace, podName, container, false, last.get())
                .thenApply(chunk -> new Poll(chunk, alive)).toCompletableFuture();
          })
          .takeWhile(poll -> poll.chunk().isPresent() && (!poll.chunk().get().isEmpty() || poll.alive()))
          .map(poll -> {
            List<ContainerLog.Line> next = poll.chunk().get();
            if (!next.isEmpty()) {
              last.set(next.get(next.size() - 1).seq());
            }
            return ByteString.fromString(render(next, options), StandardCharsets.UTF_8);
          })
          .mapMaterializedValue(c -> NotUsed.getInstance());
      Source<ByteString, NotUsed> stream = Source.single(ByteString.fromString(render(lines, options), StandardCharsets.UTF_8))
          .concat(more);
      return HttpResponse.create().withEntity(HttpEntities.createChunked(ContentTypes.TEXT_PLAIN_UTF8, stream));
    });
  }

  private boolean stillRunning(String namespace, String podName) {
    return cache.get(new ObjectKey(ResourceType.POD, namespace, podName)) != null;
  }

  private CompletionStage<Optional<List<ContainerLog.Line>>> fetch(String node, String namespace, String pod,
      String container, boolean previous, long after) {
    return agents.find(node).thenCompose(agent -> agent.isEmpty()
        ? CompletableFuture.<Optional<List<ContainerLog.Line>>>failedFuture(
            ApiErrors.badRequest("no agent runs node " + node + " to read the log of pod \"" + pod + "\""))
        : AskPattern.<NodeAgent.Command, NodeAgent.LogChunk>ask(agent.get(),
                replyTo -> new NodeAgent.ReadLog(namespace, pod, container, previous, after, replyTo),
                agents.timeout(), agents.system().scheduler())
            .thenApply(chunk -> chunk.found() ? Optional.of(chunk.lines()) : Optional.<List<ContainerLog.Line>>empty()));
  }

  private static String container(Pod pod, String requested) {
    List<String> names = pod.spec().containers().stream().map(Container::name).toList();
    if (requested == null || requested.isEmpty()) {
      if (names.size() == 1) {
        return names.get(0);
      }
      throw ApiErrors.badRequest("a container name must be specified for pod " + pod.metadata().name()
          + ", choose one of: " + names.stream().collect(Collectors.joining(" ", "[", "]")));
    }
    if (!names.contains(requested)) {
      throw ApiErrors.badRequest("container " + requested + " is not valid for pod " + pod.metadata().name());
    }
    return requested;
  }

  private static boolean started(Pod pod, String container) {
    if (pod.status() == null || pod.status().containerStatuses() == null) {
      return false;
    }
    for (ContainerStatus s : pod.status().containerStatuses()) {
      if (s.name().equals(container)) {
        return s.containerID() != null;
      }
    }
    return false;
  }

  private static List<ContainerLog.Line> select(List<ContainerLog.Line> lines, Options options) {
    List<ContainerLog.Line> out = lines;
    if (options.sinceSeconds() != null) {
      Instant since = Instant.now().minusSeconds(options.sinceSeconds());
      out = out.stream().filter(l -> !l.at().isBefore(since)).toList();
    }
    if (options.tailLines() != null && options.tailLines() >= 0 && out.size() > options.tailLines()) {
      out = out.subList(out.size() - options.tailLines(), out.size());
    }
    return out;
  }

  private static String render(List<ContainerLog.Line> lines, Options options) {
    StringBuilder sb = new StringBuilder();
    for (ContainerLog.Line line : lines) {
      if (options.timestamps()) {
        sb.append(line.at()).append(' ');
      }
      sb.append(line.text()).append('\n');
    }
    return sb.toString();
  }
}
