package dev.orca.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.api.apply.ApplyResult;
import dev.orca.api.apply.ManagedFields;
import dev.orca.api.apply.ServerSideApply;
import dev.orca.api.patch.PatchException;
import dev.orca.api.patch.Patches;
import dev.orca.control.Entities;
import dev.orca.model.Json;
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
import dev.orca.store.Store;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  static final String APPLY_PATCH = "application/apply-patch+yaml";
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final WatchCache cache;
  private final Store store;
  private final Duration askTimeout;
  private final int maxInflightWrites;
  private final AtomicInteger inflight = new AtomicInteger();
  /** Writes not yet answered, so that an outage of the journal can end them. */
  private final Set<CompletableFuture<StoredObject>> unanswered = ConcurrentHashMap.newKeySet();
  private final ServiceAdmission services;

  ObjectService(ActorSystem<?> system, Store store, Duration askTimeout, int maxInflightWrites) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.cache = store.cache();
    this.store = store;
    store.onJournalOutage(() -> List.copyOf(unanswered).forEach(write ->
        system.executionContext().execute(() -> write.completeExceptionally(ApiErrors.storeTimeout(true, 1)))));
    this.askTimeout = askTimeout;
    this.maxInflightWrites = maxInflightWrites;
    this.services = new ServiceAdmission(system, askTimeout);
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

  /** Reads pages of the list at this path with these selectors (checked now: a bad one is a 400 before any read). */
  ListPage.Reader pageReader(ResourcePath path, String labelSelector, String fieldSelector) {
    Predicate<KubeObject> filter = filter(path.type(), labelSelector, fieldSelector);
    return (after, limit) -> cache.page(path.type(), path.namespace(), filter, after, limit);
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

  CompletionStage<KubeObject> create(ResourcePath path, JsonNode body, WriteOptions options) {
    return create(path, body, options, true);
  }

  /** The object with the field manager's Update entry recorded, as kube-apiserver records every write. */
  private static KubeObject withUpdateOwnership(ResourcePath path, KubeObject before, KubeObject after,
      WriteOptions options, String subresource) {
    JsonNode recorded = ManagedFields.recordUpdate(before == null ? null : Json.mapper().valueToTree(before),
        Json.mapper().valueToTree(after), manager(options, "unknown"), subresource, java.time.Instant.now());
    return ObjectReader.read(path.type(), recorded);
  }

  private CompletionStage<KubeObject> create(ResourcePath path, JsonNode body, WriteOptions options,
      boolean recordManager) {
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
    if (recordManager) {
      object = withUpdateOwnership(path, null, object, options, null);
    }
    ObjectKey key = new ObjectKey(path.type(), path.namespace(), name);
    validate(object, Validation.validateCreate(object));
    requireNamespace(path);
    if (options.dryRun()) {
      if (cache.get(key) != null) {
        throw ApiErrors.alreadyExists(path.type(), name);
      }
      return CompletableFuture.completedFuture(object);
    }
    return admit(key, null, object)
        .thenCompose(toCreate -> write(key, replyTo -> new ObjectEntity.Create(toCreate, replyTo)))
        .thenApply(s -> s.object());
  }

  CompletionStage<KubeObject> replace(ResourcePath path, JsonNode body, boolean statusOnly, WriteOptions options) {
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
    StoredObject current = current(key);
    if (object.metadata().managedFields() == null || object.metadata().managedFields().isEmpty()) {
      object = object.withMetadata(object.metadata().withManagedFields(current.object().metadata().managedFields()));
    }
    KubeObject owned = withUpdateOwnership(path, current.object(), object, options, statusOnly ? "status" : null);
    return update(current, owned, meta.resourceVersion(), statusOnly, options);
  }

  /**
   * Writes a new version of an existing object; with a resourceVersion, only if the object is
   * still at it (409 Conflict otherwise).
   */
  CompletionStage<KubeObject> update(StoredObject current, KubeObject object, String resourceVersion,
      boolean statusOnly, WriteOptions options) {
    ObjectKey key = current.key();
    long expected = -1;
    if (resourceVersion != null && !resourceVersion.isEmpty()) {
      if (!resourceVersion.equals(Long.toString(current.resourceVersion()))) {
        throw new ApiException(Statuses.conflict(key));
      }
      expected = current.sequenceNr();
    }
    KubeObject proposed = Defaults.applyDefaults(object.withMetadata(object.metadata().withName(key.name())
        .withNamespace(key.type().namespaced() ? key.namespace() : null)));
    if (!statusOnly) {
      validate(proposed, Validation.validateUpdate(current.object(), proposed));
    }
    if (options.dryRun()) {
      return CompletableFuture.completedFuture(proposed);
    }
    long expectedSequenceNr = expected;
    return (statusOnly ? CompletableFuture.completedFuture(proposed) : admit(key, current.object(), proposed))
        .thenCompose(admitted -> write(key, replyTo -> new ObjectEntity.Update(admitted, expectedSequenceNr, statusOnly,
            replyTo)))
        .thenApply(s -> s.object());
  }

  /** Deletes; answers the object as it is while it is being deleted, or as it was when it is gone. */
  CompletionStage<Object> delete(ResourcePath path, DeleteOptions delete, WriteOptions options) {
    ObjectKey key = key(path);
    StoredObject before = current(key);
    String policy = delete.propagationPolicy();
    if (policy != null && !List.of("Background", "Foreground", "Orphan").contains(policy)) {
      throw ApiErrors.badRequest("propagationPolicy must be one of Background, Foreground or Orphan, not " + policy);
    }
    if (delete.gracePeriodSeconds() != null && delete.gracePeriodSeconds() < 0) {
      throw ApiErrors.badRequest("gracePeriodSeconds must not be negative");
    }
    if (options.dryRun()) {
      return CompletableFuture.completedFuture(before.object());
    }
    return write(key, replyTo -> new ObjectEntity.Delete(policy, delete.preconditionUid(), delete.gracePeriodSeconds(),
        replyTo)).thenApply(s -> s != null ? (Object) s.object() : before.object());
  }

  /** The policy/v1 Eviction of a pod: a delete with the eviction's options, answered 201 with a Success status. */
  CompletionStage<Object> evict(ResourcePath path, JsonNode body, WriteOptions options) {
    if (path.type() != ResourceType.POD) {
      throw ApiErrors.pathNotFound();
    }
    if (body != null && body.hasNonNull("kind") && !"Eviction".equals(body.get("kind").asText())) {
      throw ApiErrors.badRequest("the kind in the data (" + body.get("kind").asText()
          + ") does not match the expected kind (Eviction)");
    }
    DeleteOptions deleteOptions = body == null ? new DeleteOptions(null, null, null)
        : DeleteOptions.from(body.path("deleteOptions"));
    ObjectKey key = key(path);
    return delete(path, deleteOptions, options).thenApply(deleted -> Status.success(
        new StatusDetails(key.name(), "", "pods", null, null, null)).withCode(201));
  }

  /**
   * PATCH: JSON patch, JSON merge patch, strategic merge patch, or server-side apply. The patch is
   * applied to the object as the watch cache shows it and written only if the object is still at
   * that version; on a conflict the patch is applied again to the newer version, as kube-apiserver
   * does.
   */
  CompletionStage<KubeObject> patch(ResourcePath path, String contentType, byte[] body, boolean statusOnly,
      boolean force, WriteOptions options) {
    if (APPLY_PATCH.equals(Patches.mediaType(contentType))) {
      return apply(path, body, force, options, 5);
    }
    return patchAttempt(path, contentType, body, statusOnly, options, 5);
  }

  private CompletionStage<KubeObject> patchAttempt(ResourcePath path, String contentType, byte[] body,
      boolean statusOnly, WriteOptions options, int attemptsLeft) {
    ObjectKey key = key(path);
    StoredObject current = current(key);
    JsonNode original = Json.mapper().valueToTree(current.object());
    JsonNode patched;
    try {
      patched = Patches.apply(contentType, original, body, path.type().kind());
    } catch (PatchException e) {
      throw asApiError(e, key);
    }
    options.checkPatchedFields(path.type(), patched);
    String requestedVersion = patched.path("metadata").path("resourceVersion").asText("");
    boolean pinned = !requestedVersion.isEmpty() && !requestedVersion.equals(Long.toString(current.resourceVersion()));
    KubeObject object = ObjectReader.read(path.type(),
        ManagedFields.recordUpdate(original, patched, manager(options, "kubectl-patch"), statusOnly ? "status" : null,
            java.time.Instant.now()));
    return againOnConflict(
        update(current, object, pinned ? requestedVersion : Long.toString(current.resourceVersion()), statusOnly, options),
        !pinned && attemptsLeft > 1, () -> patchAttempt(path, contentType, body, statusOnly, options, attemptsLeft - 1));
  }

  /**
   * The write, or — when another write got in first (409 Conflict on the resourceVersion) and
   * {@code mayRetry} — {@code again}: a patch or apply without a resourceVersion of its own is
   * applied over the newer version, as kube-apiserver's update loop does.
   */
  private static CompletionStage<KubeObject> againOnConflict(CompletionStage<KubeObject> write, boolean mayRetry,
      java.util.function.Supplier<CompletionStage<KubeObject>> again) {
    return write.handle((written, error) -> {
      if (error == null) {
        return CompletableFuture.completedFuture(written);
      }
      Status status = Failures.toStatus(error);
      if (mayRetry && status.code() != null && status.code() == 409 && "Conflict".equals(status.reason())) {
        return again.get();
      }
      return CompletableFuture.<KubeObject>failedFuture(new ApiException(status));
    }).thenCompose(stage -> stage);
  }

  /**
   * Server-side apply: creates the object when absent; 409 when it would take fields another manager
   * owns. Applied over the object as the read side shows it; when another write got in first (a
   * controller updating the status of what the last apply created) it is applied again over the new
   * version, as kube-apiserver does, unless the configuration names a resourceVersion of its own.
   */
  private CompletionStage<KubeObject> apply(ResourcePath path, byte[] body, boolean force, WriteOptions options,
      int attemptsLeft) {
    if (options.fieldManager() == null || options.fieldManager().isEmpty()) {
      throw ApiErrors.badRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
          + "is required for apply patch");
    }
    JsonNode applied = Bodies.parseObject("application/yaml", body);
    KubeObject asRead = ObjectReader.read(path.type(), applied);
    options.checkPatchedFields(path.type(), applied);
    if (asRead.metadata().name() != null && !asRead.metadata().name().equals(path.name())) {
      throw ApiErrors.badRequest("the name of the object (" + asRead.metadata().name()
          + ") does not match the name on the URL (" + path.name() + ")");
    }
    ObjectKey key = key(path);
    StoredObject current = cache.get(key);
    ApplyResult result;
    try {
      result = ServerSideApply.apply(current == null ? null : Json.mapper().valueToTree(current.object()),
          applied, options.fieldManager(), force, java.time.Instant.now());
    } catch (IllegalArgumentException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
    if (result instanceof ApplyResult.ApplyConflict conflict) {
      List<dev.orca.model.StatusCause> causes = conflict.conflicts().stream()
          .map(c -> new dev.orca.model.StatusCause("FieldManagerConflict", c.causeMessage(), c.field())).toList();
      throw new ApiException(Status.failure(409, "Conflict", conflict.message(), new StatusDetails(path.name(),
          path.type().group(), path.type().plural(), null, causes, null)));
    }
    JsonNode merged = ((ApplyResult.Applied) result).object();
    if (current == null) {
      return create(new ResourcePath(path.type(), path.namespace(), null, null), merged, options, false);
    }
    boolean pinned = !applied.path("metadata").path("resourceVersion").asText("").isEmpty();
    return againOnConflict(
        update(current, ObjectReader.read(path.type(), merged), Long.toString(current.resourceVersion()), false, options),
        !pinned && attemptsLeft > 1, () -> apply(path, body, force, options, attemptsLeft - 1));
  }

  private static String manager(WriteOptions options, String fallback) {
    return options.fieldManager() != null && !options.fieldManager().isEmpty() ? options.fieldManager() : fallback;
  }

  private static ApiException asApiError(PatchException e, ObjectKey key) {
    return new ApiException(Status.failure(e.code(), e.reason(), e.getMessage(),
        new StatusDetails(key.name(), key.type().group(), key.type().plural(), null, null, null)));
  }

  StoredObject current(ObjectKey key) {
    StoredObject current = cache.get(key);
    if (current == null) {
      throw new ApiException(Statuses.notFound(key));
    }
    return current;
  }

  private CompletionStage<StoredObject> write(ObjectKey key,
      Function<org.apache.pekko.actor.typed.ActorRef<ObjectEntity.WriteResult>, ObjectEntity.Command> command) {
    if (!store.journalReachable()) {
      throw ApiErrors.storeUnavailable(1);
    }
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
      // answered on the dispatcher: the journal tail that applies the change completes the wait,
      // and the response would otherwise be rendered on its thread, holding up the read side
      return cache.awaitApplied(accepted.persistenceId(), accepted.sequenceNr())
          .thenApplyAsync(java.util.function.Function.identity(), system.executionContext());
    }).toCompletableFuture().orTimeout(askTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    done.whenComplete((r, e) -> inflight.decrementAndGet());
    // An entity whose persist fails restarts without replying: a write in flight when the journal
    // database goes away would wait for the ask timeout, so the outage ends it (see the
    // constructor). It may have been stored just before, hence 504 and not 503.
    CompletableFuture<StoredObject> answered = new CompletableFuture<>();
    unanswered.add(answered);
    answered.whenComplete((r, e) -> unanswered.remove(answered));
    done.whenComplete((r, e) -> {
      if (e == null) {
        answered.complete(r);
      } else {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        answered.completeExceptionally(cause instanceof TimeoutException
            ? ApiErrors.storeTimeout(!store.journalReachable(), 1) : cause);
      }
    });
    return answered;
  }

  /** What a write needs decided before it is stored: a Service's addresses. */
  private CompletionStage<KubeObject> admit(ObjectKey key, KubeObject current, KubeObject proposed) {
    if (proposed instanceof dev.orca.model.Service service) {
      return services.admit(key, (dev.orca.model.Service) current, service).thenApply(s -> s);
    }
    return CompletableFuture.completedFuture(proposed);
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
