package dev.orca.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.control.Entities;
import dev.orca.control.ObjectEntity;
import dev.orca.model.Defaults;
import dev.orca.model.FieldError;
import dev.orca.model.FieldSelectorQuery;
import dev.orca.model.KubeObject;
import dev.orca.model.LabelSelectorQuery;
import dev.orca.model.ObjectFields;
import dev.orca.model.Namespace;
import dev.orca.model.ObjectMeta;
import dev.orca.model.ResourceType;
import dev.orca.model.Status;
import dev.orca.model.StatusDetails;
import dev.orca.model.Validation;
import dev.orca.control.Statuses;
import dev.orca.store.ObjectKey;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The API's operations on objects, apart from HTTP: reads come from the watch cache, writes go
 * to the object's entity and return once the watch cache has applied them, so a client reads its
 * own write with its global resourceVersion.
 */
final class ObjectService {
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final WatchCache cache;
  private final Duration askTimeout;
  private final int maxInflightWrites;
  private final AtomicInteger inflight = new AtomicInteger();

  ObjectService(ActorSystem<?> system, WatchCache cache, Duration askTimeout, int maxInflightWrites) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.cache = cache;
    this.askTimeout = askTimeout;
    this.maxInflightWrites = maxInflightWrites;
  }

  WatchCache cache() {
    return cache;
  }

  // ---- reads ------------------------------------------------------------------------------

  KubeObject get(ResourcePath path) {
    StoredObject stored = cache.get(key(path));
    if (stored == null) {
      throw new ApiException(Statuses.notFound(key(path)));
    }
    return stored.object();
  }

  WatchCache.Snapshot list(ResourcePath path, String labelSelector, String fieldSelector) {
    return cache.list(path.type(), path.namespace(), filter(path.type(), labelSelector, fieldSelector));
  }

  /** The objects a list or watch with these selectors sees. */
  Predicate<KubeObject> filter(ResourceType type, String labelSelector, String fieldSelector) {
    LabelSelectorQuery labels;
    FieldSelectorQuery fields;
    try {
      labels = LabelSelectorQuery.parse(labelSelector);
      fields = FieldSelectorQuery.parse(fieldSelector, ObjectFields.supported(type));
    } catch (IllegalArgumentException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
    return o -> labels.matches(o.metadata().labelsOrEmpty())
        && (fields.isEverything() || fields.matches(ObjectFields.of(o)::get));
  }

  // ---- writes -----------------------------------------------------------------------------

  CompletionStage<KubeObject> create(ResourcePath path, JsonNode body) {
    KubeObject object = ObjectReader.read(path.type(), body);
    ObjectMeta meta = object.metadata();
    if (path.namespace() != null && meta.namespace() != null && !meta.namespace().equals(path.namespace())) {
      throw ApiErrors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    String name = meta.name();
    if ((name == null || name.isEmpty()) && meta.generateName() != null && !meta.generateName().isEmpty()) {
      name = meta.generateName() + randomSuffix();
    }
    object = Defaults.applyDefaults(object.withMetadata(meta.withName(name).withNamespace(path.namespace())));
    ObjectKey key = new ObjectKey(path.type(), path.namespace(), name);
    validate(object, Validation.validateCreate(object));
    requireNamespace(path);
    KubeObject toCreate = object;
    return write(key, replyTo -> new ObjectEntity.Create(toCreate, replyTo)).thenApply(s -> s.object());
  }

  CompletionStage<KubeObject> replace(ResourcePath path, JsonNode body, boolean statusOnly) {
    KubeObject object = ObjectReader.read(path.type(), body);
    ObjectKey key = key(path);
    ObjectMeta meta = object.metadata();
    if (meta.name() != null && !meta.name().equals(path.name())) {
      throw ApiErrors.badRequest("the name of the object (" + meta.name()
          + ") does not match the name on the URL (" + path.name() + ")");
    }
    if (path.namespace() != null && meta.namespace() != null && !meta.namespace().equals(path.namespace())) {
      throw ApiErrors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    StoredObject current = cache.get(key);
    if (current == null) {
      throw new ApiException(Statuses.notFound(key));
    }
    long expected = -1;
    if (meta.resourceVersion() != null && !meta.resourceVersion().isEmpty()) {
      if (!meta.resourceVersion().equals(Long.toString(current.resourceVersion()))) {
        throw new ApiException(Statuses.conflict(key));
      }
      expected = current.sequenceNr();
    }
    KubeObject proposed = Defaults.applyDefaults(object.withMetadata(meta.withName(path.name()).withNamespace(path.namespace())));
    if (!statusOnly) {
      validate(proposed, Validation.validateUpdate(current.object(), proposed));
    }
    long expectedSequenceNr = expected;
    return write(key, replyTo -> new ObjectEntity.Update(proposed, expectedSequenceNr, statusOnly, replyTo))
        .thenApply(s -> s.object());
  }

  /** Deletes; answers the object while it is still being deleted, else a Success status. */
  CompletionStage<Object> delete(ResourcePath path, String propagationPolicy, String preconditionUid) {
    ObjectKey key = key(path);
    if (cache.get(key) == null) {
      throw new ApiException(Statuses.notFound(key));
    }
    if (propagationPolicy != null && !List.of("Background", "Foreground", "Orphan").contains(propagationPolicy)) {
      throw ApiErrors.badRequest("propagationPolicy must be one of Background, Foreground or Orphan, not "
          + propagationPolicy);
    }
    return write(key, replyTo -> new ObjectEntity.Delete(propagationPolicy, preconditionUid, replyTo))
        .thenApply(s -> s != null ? (Object) s.object()
            : Status.success(new StatusDetails(key.name(), key.type().group(), key.type().plural(),
                null, null, null)));
  }

  private CompletionStage<StoredObject> write(ObjectKey key,
      Function<org.apache.pekko.actor.typed.ActorRef<ObjectEntity.WriteResult>, ObjectEntity.Command> command) {
    if (inflight.incrementAndGet() > maxInflightWrites) {
      inflight.decrementAndGet();
      throw ApiErrors.tooManyRequests(1);
    }
    CompletionStage<ObjectEntity.WriteResult> asked = AskPattern.ask(Entities.ref(sharding, key), command::apply,
        askTimeout, system.scheduler());
    CompletableFuture<StoredObject> done = asked.thenCompose(result -> {
      if (result instanceof ObjectEntity.Rejected rejected) {
        throw new ApiException(rejected.status());
      }
      ObjectEntity.Accepted accepted = (ObjectEntity.Accepted) result;
      return cache.awaitApplied(accepted.persistenceId(), accepted.sequenceNr());
    }).toCompletableFuture().orTimeout(askTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    done.whenComplete((r, e) -> inflight.decrementAndGet());
    return done;
  }

  private void requireNamespace(ResourcePath path) {
    if (!path.type().namespaced()) {
      return;
    }
    StoredObject ns = cache.get(new ObjectKey(ResourceType.NAMESPACE, "", path.namespace()));
    if (ns == null) {
      throw new ApiException(Statuses.notFound(new ObjectKey(ResourceType.NAMESPACE, "", path.namespace())));
    }
    if (ns.object().metadata().isDeleting() || (((Namespace) ns.object()).status() != null
        && "Terminating".equals(((Namespace) ns.object()).status().phase()))) {
      throw ApiErrors.generic(403, "unable to create new content in namespace " + path.namespace()
          + " because it is being terminated");
    }
  }

  private static void validate(KubeObject object, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ApiException(Validation.invalidStatus(object, errors));
    }
  }

  private static ObjectKey key(ResourcePath path) {
    return new ObjectKey(path.type(), path.namespace(), path.name());
  }

  private static String randomSuffix() {
    StringBuilder sb = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      sb.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
    }
    return sb.toString();
  }
}
