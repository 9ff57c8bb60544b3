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
import java.util.function.Supplier;
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

  /** Renders one watch event as a line: plain objects, or one-row Tables for kubectl get -w. */
  interface Encoder {
    String encode(String type, KubeObject object);
  }

  static final Encoder JSON = WatchStream::event;

  /** @param fromResourceVersion null to start with the current objects as ADDED events */
  static Source<ByteString, NotUsed> open(ActorSystem<?> system, WatchCache cache, String namespace,
      dev.orca.model.ResourceType type, Predicate<KubeObject> filter, Long fromResourceVersion, Duration timeout,
      int buffer, Encoder encoder, Duration bookmarkInterval) {
    // The journal tail offers each change to every watcher; it only decides whether the change is
    // this watcher's and queues it. The line is written by the watcher's own stream: encoded on
    // the tail's thread, every watcher's JSON held up the read side, and with it every write's
    // answer (which waits for its change to be applied).
    Pair<BoundedSourceQueue<Supplier<String>>, Source<Supplier<String>, NotUsed>> queued =
        Source.<Supplier<String>>queue(buffer).preMaterialize(system);
    BoundedSourceQueue<Supplier<String>> queue = queued.first();
    Predicate<StoredObject> inScope = s -> s.key().type() == type
        && (namespace == null || namespace.equals(s.key().namespace())) && filter.test(s.object());
    WatchCache.Listener listener = change -> {
      Supplier<String> line = line(change, inScope, encoder);
      if (line == null) {
        return true;
      }
      QueueOfferResult result = queue.offer(line);
      if (result != QueueOfferResult.enqueued()) {
        queue.complete();
        return false;
      }
      return true;
    };
    WatchCache.Subscription subscription;
    // the current state, for a watch from now: streamed ahead of the changes, as the client reads
    // it — offered to the changes' bounded queue, every object past its size was dropped (a watch
    // of 153,000 pods from now saw 20,000 of them)
    Source<Supplier<String>, NotUsed> initial = Source.empty();
    try {
      if (fromResourceVersion == null) {
        WatchCache.Snapshot snapshot = cache.list(type, namespace, filter);
        initial = Source.from(snapshot.items()).map(s -> (Supplier<String>) () -> encoder.encode("ADDED", s.object()));
        subscription = cache.watchFrom(snapshot.resourceVersion(), listener);
      } else {
        subscription = cache.watchFrom(fromResourceVersion, listener);
      }
    } catch (ExpiredException e) {
      Status expired = ApiErrors.expired(e.getMessage()).status();
      return Source.single(ByteString.fromString(error(expired), StandardCharsets.UTF_8));
    }
    WatchCache.Subscription toClose = subscription;
    org.apache.pekko.actor.Cancellable bookmarks = bookmarkInterval == null ? null
        : system.scheduler().scheduleAtFixedRate(bookmarkInterval, bookmarkInterval,
            () -> cache.atConsistentPoint(rv -> queue.offer(() -> bookmark(type, rv))), system.executionContext());
    return initial.concat(queued.second())
        .map(line -> ByteString.fromString(line.get(), StandardCharsets.UTF_8))
        .takeWithin(timeout)
        .watchTermination((mat, done) -> {
          done.whenComplete((d, e) -> {
            toClose.close();
            if (bookmarks != null) {
              bookmarks.cancel();
            }
          });
          return mat;
        });
  }

  /** The watcher's event for {@code change}, to be encoded when the stream sends it; null if the change is not its. */
  private static Supplier<String> line(Change change, Predicate<StoredObject> inScope, Encoder encoder) {
    boolean before = change.previous() != null && inScope.test(change.previous());
    boolean after = change.current() != null && inScope.test(change.current());
    if (after) {
      KubeObject object = change.current().object();
      String type = before ? "MODIFIED" : "ADDED";
      return () -> encoder.encode(type, object);
    }
    if (before) {
      KubeObject last = change.isDeletion() ? change.previous().object() : change.current().object();
      return () -> encoder.encode("DELETED", last);
    }
    return null;
  }

  /** A BOOKMARK: an object of the watched kind carrying only the resourceVersion the client may resume from. */
  static String bookmark(dev.orca.model.ResourceType type, long resourceVersion) {
    ObjectNode object = Json.mapper().createObjectNode();
    object.put("kind", type.kind());
    object.put("apiVersion", type.apiVersion());
    object.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
    return event("BOOKMARK", object);
  }

  /** {@code {"type":TYPE,"object":OBJECT}} and a newline; the object written straight to text, not through a tree. */
  static String event(String type, Object object) {
    try {
      return "{\"type\":\"" + type + "\",\"object\":" + Json.mapper().writeValueAsString(object) + "}\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a watch event of " + object.getClass().getSimpleName(), e);
    }
  }

  private static String error(Status status) {
    return event("ERROR", status);
  }
}
