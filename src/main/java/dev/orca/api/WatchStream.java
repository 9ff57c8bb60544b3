package dev.orca.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.model.Json;
import dev.orca.model.KubeObject;
import dev.orca.model.Status;
import dev.orca.store.Change;
import dev.orca.store.ExpiredException;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A watch as kube-apiserver streams it: one JSON event per line (ADDED, MODIFIED, DELETED, or
 * ERROR with a Status), filtered by the watch's selectors. An object that stops matching the
 * selectors is DELETED for this watcher; one that starts matching is ADDED. A watcher that falls
 * too far behind is closed, and a client then lists again, as informers do.
 */
final class WatchStream {
  private WatchStream() {}

  /**
   * @param fromResourceVersion null to start with the current objects as ADDED events
   */
  static Source<ByteString, NotUsed> open(ActorSystem<?> system, WatchCache cache, String namespace,
      dev.orca.model.ResourceType type, Predicate<KubeObject> filter, Long fromResourceVersion, Duration timeout,
      int buffer) {
    Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> queued =
        Source.<ByteString>queue(buffer).preMaterialize(system);
    BoundedSourceQueue<ByteString> queue = queued.first();
    Predicate<StoredObject> inScope = s -> s.key().type() == type
        && (namespace == null || namespace.equals(s.key().namespace())) && filter.test(s.object());
    WatchCache.Listener listener = change -> {
      String line = line(change, inScope);
      if (line == null) {
        return true;
      }
      QueueOfferResult result = queue.offer(ByteString.fromString(line, StandardCharsets.UTF_8));
      if (result != QueueOfferResult.enqueued()) {
        queue.complete();
        return false;
      }
      return true;
    };
    WatchCache.Subscription subscription;
    try {
      if (fromResourceVersion == null) {
        WatchCache.Snapshot snapshot = cache.list(type, namespace, filter);
        for (StoredObject s : snapshot.items()) {
          queue.offer(ByteString.fromString(event("ADDED", s.object()), StandardCharsets.UTF_8));
        }
        subscription = cache.watchFrom(snapshot.resourceVersion(), listener);
      } else {
        subscription = cache.watchFrom(fromResourceVersion, listener);
      }
    } catch (ExpiredException e) {
      Status expired = ApiErrors.expired(e.getMessage()).status();
      return Source.single(ByteString.fromString(error(expired), StandardCharsets.UTF_8));
    }
    WatchCache.Subscription toClose = subscription;
    return queued.second()
        .takeWithin(timeout)
        .watchTermination((mat, done) -> {
          done.whenComplete((d, e) -> toClose.close());
          return mat;
        });
  }

  private static String line(Change change, Predicate<StoredObject> inScope) {
    boolean before = change.previous() != null && inScope.test(change.previous());
    boolean after = change.current() != null && inScope.test(change.current());
    if (after) {
      return event(before ? "MODIFIED" : "ADDED", change.current().object());
    }
    if (before) {
      KubeObject last = change.isDeletion() ? change.previous().object() : change.current().object();
      return event("DELETED", last);
    }
    return null;
  }

  static String event(String type, Object object) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("type", type);
    node.set("object", Json.mapper().valueToTree(object));
    return node + "\n";
  }

  private static String error(Status status) {
    return event("ERROR", status);
  }
}
