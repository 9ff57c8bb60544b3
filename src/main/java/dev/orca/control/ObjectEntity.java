package dev.orca.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.orca.CborSerializable;
import dev.orca.model.KubeObject;
import dev.orca.model.ObjectMeta;
import dev.orca.model.OwnerReference;
import dev.orca.model.Status;
import dev.orca.model.StatusDetails;
import dev.orca.store.ObjectEvent;
import dev.orca.store.ObjectEvent.ObjectCreated;
import dev.orca.store.ObjectEvent.ObjectDeleted;
import dev.orca.store.ObjectEvent.ObjectUpdated;
import dev.orca.store.ObjectKey;
import dev.orca.store.Store;
import dev.orca.store.WatchCache;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilderByState;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * What every API object's entity shares: create, update (optimistic, by sequence number), delete
 * with finalizers and propagation policies, owner notification and a level-triggered reconcile
 * loop. A kind's entity extends it with its own commands and its {@link #reconcile()}.
 *
 * <p>The state is the object itself; each event carries the whole object after the change. The
 * entity's transient bookkeeping (expectations, timers) lives in fields of the subclass.
 */
public abstract class ObjectEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ObjectEntity.Command, ObjectEvent, ObjectEntity.State> {

  public static final String FOREGROUND = "foregroundDeletion";
  public static final String ORPHAN = "orphan";

  /** Every command an object entity takes; kinds add their own. */
  public interface Command extends CborSerializable {}

  /** Creates the object; rejected when it exists. */
  public record Create(KubeObject object, ActorRef<WriteResult> replyTo) implements Command {}

  /**
   * Replaces metadata and spec (or only the status), if the object's stream is still at
   * {@code expectedSequenceNr} (-1: whatever it is).
   */
  public record Update(KubeObject object, long expectedSequenceNr, boolean statusOnly, ActorRef<WriteResult> replyTo)
      implements Command {}

  /**
   * Deletes the object: Background, Foreground or Orphan for its dependents; a pod's grace period
   * ({@code null}: its own terminationGracePeriodSeconds, 0: at once).
   */
  public record Delete(String propagationPolicy, String preconditionUid, Long gracePeriodSeconds,
      ActorRef<WriteResult> replyTo) implements Command {
    public Delete(String propagationPolicy, String preconditionUid, ActorRef<WriteResult> replyTo) {
      this(propagationPolicy, preconditionUid, null, replyTo);
    }
  }

  /** A dependent changed: the owner looks again once the read side has that change. */
  public record ChildChanged(String persistenceId, long sequenceNr) implements Command {}

  /** The owner with this uid is going away with policy Orphan: forget it. */
  public record DropOwner(String ownerUid) implements Command {}

  /** Look again at desired and observed state. */
  public record Reconcile() implements Command {}

  /** A dependent's change is on the read side: reconcile soon ({@link #requestReconcile()}). */
  private record ChildApplied() implements Command {}

  /** An attempt of an entity's write to one of its dependents was answered (or timed out: result null). */
  private record ChildWritten(long id, int attempt, WriteResult result, String failure) implements Command {}

  /** The outcome of a write. */
  public sealed interface WriteResult extends CborSerializable {}

  /** The write is in the journal as event {@code sequenceNr} of the object's stream. */
  public record Accepted(String persistenceId, long sequenceNr) implements WriteResult {}

  /** The write was refused; the status says why, as the API will answer. */
  public record Rejected(Status status) implements WriteResult {}

  /** The object as it is now, or null when absent. */
  public record State(KubeObject object) implements CborSerializable {
    @JsonIgnore
    public boolean exists() {
      return object != null;
    }
  }

  /**
   * Answers a command this JVM may not handle now (no write lease, dev.orca.fencing.CommandGate):
   * a caller waiting for a write's outcome gets a 503 it may retry; other commands are dropped —
   * they are level-triggered and come again.
   */
  public static void refuse(Command command) {
    Status status = Status.failure(503, "ServiceUnavailable",
        "this member cannot write now: its write lease on the store has lapsed (the store is out of reach, or the member was frozen or fenced); try again", null);
    if (command instanceof Create c) {
      c.replyTo().tell(new Rejected(status));
    } else if (command instanceof Update u) {
      u.replyTo().tell(new Rejected(status));
    } else if (command instanceof Delete d) {
      d.replyTo().tell(new Rejected(status));
    } else if (command instanceof PodEntity.Bind b) {
      b.replyTo().tell(new PodEntity.BindingRejected(status.message()));
    } else if (command instanceof NodeEntity.Admit a) {
      a.replyTo().tell(new NodeEntity.NotAdmitted(status.message()));
    }
  }

  protected final ActorContext<Command> context;
  protected final TimerScheduler<Command> timers;
  protected final ObjectKey key;
  protected final ControlSettings settings;
  protected final WatchCache cache;
  private java.time.Instant writeStarted;
  /** What the last reconcile cost (nanoseconds), for {@link #requestReconcile()}'s pacing. */
  private long lastReconcileNanos;
  private final ReconcileLoad reconcileLoad;
  protected final ClusterSharding sharding;
  private final Store store;
  private final ChildWrites childWrites = new ChildWrites();
  private final java.util.Map<Long, java.util.function.Function<ActorRef<WriteResult>, Command>> childCommands =
      new java.util.HashMap<>();

  protected ObjectEntity(ActorContext<Command> context, TimerScheduler<Command> timers, ObjectKey key,
      ControlSettings settings) {
    super(PersistenceId.ofUniqueId(key.persistenceId()), SupervisorStrategy.restartWithBackoff(
        settings.persistFailureBackoffMin(), settings.persistFailureBackoffMax(), 0.2));
    this.context = context;
    this.timers = timers;
    this.key = key;
    this.settings = settings;
    this.store = Store.get(context.getSystem());
    this.cache = store.cache();
    this.sharding = ClusterSharding.get(context.getSystem());
    this.reconcileLoad = ReconcileLoad.get(context.getSystem());
  }

  // ---- hooks for a kind -------------------------------------------------------------------

  /** Fills in what the server decides at creation (status, defaults). */
  protected KubeObject onCreate(KubeObject object) {
    return object;
  }

  /** Fills in what the server keeps across an update of metadata and spec that leaves it out. */
  protected KubeObject onUpdate(KubeObject current, KubeObject next) {
    return next;
  }

  /** Why this update may not be made, or null. */
  protected Status refuseUpdate(KubeObject current, KubeObject proposed) {
    return null;
  }

  /** Compares desired with observed state and acts on the difference. */
  protected abstract ReplyEffect<ObjectEvent, State> reconcile(KubeObject object);

  /** Whether the object may leave the journal now that its finalizers are done. */
  protected boolean readyToVanish(KubeObject object) {
    return true;
  }

  /**
   * How often an existing object re-reconciles on its own; null for kinds that only act when
   * told (pods: an idle pod must be free to passivate).
   */
  protected java.time.Duration resyncInterval() {
    return settings.resyncInterval();
  }

  /** The grace period a deletion gives the object; only pods have one. */
  protected Long gracePeriod(KubeObject object, Long requested) {
    return null;
  }

  /** A kind's own commands. */
  protected void kindCommands(CommandHandlerWithReplyBuilderByState<Command, ObjectEvent, State, State> builder) {}

  /** Runs after an event is persisted, for a kind's side effects. */
  protected void afterPersist(ObjectEvent event) {}

  // ---- the shared protocol ----------------------------------------------------------------

  @Override
  public State emptyState() {
    return new State(null);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 1);
  }

  @Override
  public CommandHandlerWithReply<Command, ObjectEvent, State> commandHandler() {
    CommandHandlerWithReplyBuilderByState<Command, ObjectEvent, State, State> builder =
        newCommandHandlerWithReplyBuilder().forAnyState();
    builder
        .onCommand(Create.class, this::onCreateCommand)
        .onCommand(Update.class, this::onUpdate)
        .onCommand(Delete.class, this::onDelete)
        .onCommand(ChildChanged.class, this::onChildChanged)
        .onCommand(DropOwner.class, this::onDropOwner)
        .onCommand(ChildWritten.class, this::onChildWritten)
        .onCommand(ChildApplied.class, (state, cmd) -> {
          requestReconcile();
          return Effect().noReply();
        })
        .onCommand(Reconcile.class, (state, cmd) -> state.exists() ? timedReconcile(state.object()) : Effect().noReply());
    kindCommands(builder);
    return builder.build();
  }

  @Override
  public EventHandler<State, ObjectEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(ObjectCreated.class, (state, e) -> new State(e.object()))
        .onEvent(ObjectUpdated.class, (state, e) -> new State(e.object()))
        .onEvent(ObjectDeleted.class, (state, e) -> new State(null))
        .build();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          onRecovered();
          if (state.exists()) {
            requestReconcile();
            startResync();
          }
        })
        .build();
  }

  private ReplyEffect<ObjectEvent, State> onCreateCommand(State state, Create cmd) {
    if (state.exists()) {
      return Effect().reply(cmd.replyTo(), new Rejected(Statuses.alreadyExists(key)));
    }
    KubeObject object = cmd.object();
    ObjectMeta meta = object.metadata()
        .withName(key.name())
        .withNamespace(key.type().namespaced() ? key.namespace() : null)
        .withUid(UUID.randomUUID().toString())
        .withCreationTimestamp(now())
        .withGeneration(1L)
        .withResourceVersion(null)
        .withDeletionTimestamp(null);
    return persistAndReply(new ObjectCreated(onCreate(object.withMetadata(meta))), cmd.replyTo());
  }

  private ReplyEffect<ObjectEvent, State> onUpdate(State state, Update cmd) {
    if (!state.exists()) {
      return Effect().reply(cmd.replyTo(), new Rejected(Statuses.notFound(key)));
    }
    if (cmd.expectedSequenceNr() >= 0 && cmd.expectedSequenceNr() != lastSequenceNumber(context)) {
      return Effect().reply(cmd.replyTo(), new Rejected(Statuses.conflict(key)));
    }
    KubeObject current = state.object();
    KubeObject next = cmd.statusOnly() ? ObjectParts.withStatusOf(current, cmd.object())
        : onUpdate(current, merged(current, cmd.object()));
    if (!cmd.statusOnly()) {
      Status refusal = refuseUpdate(current, next);
      if (refusal != null) {
        return Effect().reply(cmd.replyTo(), new Rejected(refusal));
      }
    }
    if (next.equals(current)) {
      return Effect().reply(cmd.replyTo(), new Accepted(key.persistenceId(), lastSequenceNumber(context)));
    }
    if (current.metadata().isDeleting() && next.metadata().finalizersOrEmpty().isEmpty() && readyToVanish(next)) {
      return persistAndReply(new ObjectDeleted(next), cmd.replyTo());
    }
    return persistAndReply(new ObjectUpdated(next), cmd.replyTo());
  }

  /** The proposed metadata and spec over the server's fields and current status. */
  private KubeObject merged(KubeObject current, KubeObject proposed) {
    ObjectMeta cur = current.metadata();
    ObjectMeta meta = proposed.metadata()
        .withName(cur.name())
        .withNamespace(cur.namespace())
        .withUid(cur.uid())
        .withCreationTimestamp(cur.creationTimestamp())
        .withDeletionTimestamp(cur.deletionTimestamp())
        .withResourceVersion(null);
    if (meta.managedFields() == null) {
      meta = meta.withManagedFields(cur.managedFields());
    }
    long generation = cur.generation() == null ? 1 : cur.generation();
    if (!ObjectParts.sameSpec(current, proposed)) {
      generation++;
    }
    KubeObject next = proposed.withMetadata(meta.withGeneration(generation));
    return ObjectParts.withStatusOf(next, current);
  }

  private ReplyEffect<ObjectEvent, State> onDelete(State state, Delete cmd) {
    if (!state.exists()) {
      return Effect().reply(cmd.replyTo(), new Rejected(Statuses.notFound(key)));
    }
    KubeObject object = state.object();
    if (cmd.preconditionUid() != null && !cmd.preconditionUid().equals(object.metadata().uid())) {
      return Effect().reply(cmd.replyTo(), new Rejected(Statuses.preconditionFailed(key, cmd.preconditionUid())));
    }
    List<String> finalizers = new ArrayList<>(object.metadata().finalizersOrEmpty());
    String policy = cmd.propagationPolicy() == null ? "Background" : cmd.propagationPolicy();
    boolean hasDependents = !cache.dependents(object.metadata().uid(), KubeObject.class).isEmpty();
    if (hasDependents && "Foreground".equals(policy) && !finalizers.contains(FOREGROUND)) {
      finalizers.add(FOREGROUND);
    } else if (hasDependents && "Orphan".equals(policy) && !finalizers.contains(ORPHAN)) {
      finalizers.add(ORPHAN);
    }
    ObjectMeta meta = object.metadata().withFinalizers(finalizers.isEmpty() ? null : finalizers);
    if (!meta.isDeleting()) {
      meta = meta.withDeletionTimestamp(now()).withDeletionGracePeriodSeconds(gracePeriod(object, cmd.gracePeriodSeconds()));
    } else if (cmd.gracePeriodSeconds() != null && meta.deletionGracePeriodSeconds() != null
        && cmd.gracePeriodSeconds() < meta.deletionGracePeriodSeconds()) {
      meta = meta.withDeletionGracePeriodSeconds(cmd.gracePeriodSeconds());
    }
    KubeObject deleting = object.withMetadata(meta);
    if (finalizers.isEmpty() && readyToVanish(deleting)) {
      return persistAndReply(new ObjectDeleted(deleting), cmd.replyTo());
    }
    if (deleting.equals(object)) {
      return Effect().reply(cmd.replyTo(), new Accepted(key.persistenceId(), lastSequenceNumber(context)));
    }
    return persistAndReply(new ObjectUpdated(deleting), cmd.replyTo());
  }

  private ReplyEffect<ObjectEvent, State> onChildChanged(State state, ChildChanged cmd) {
    if (state.exists()) {
      context.pipeToSelf(cache.awaitApplied(cmd.persistenceId(), cmd.sequenceNr())
          .toCompletableFuture().orTimeout(2, java.util.concurrent.TimeUnit.SECONDS),
          (ok, error) -> new ChildApplied());
    }
    return Effect().noReply();
  }

  /** Reconciles, and remembers what it cost for the pacing of the next one. */
  private ReplyEffect<ObjectEvent, State> timedReconcile(KubeObject object) {
    long start = System.nanoTime();
    try {
      return reconcileOrFinish(object);
    } finally {
      lastReconcileNanos = System.nanoTime() - start;
      reconcileLoad.record(lastReconcileNanos);
    }
  }

  private ReplyEffect<ObjectEvent, State> onDropOwner(State state, DropOwner cmd) {
    if (!state.exists()) {
      return Effect().noReply();
    }
    KubeObject object = state.object();
    List<OwnerReference> refs = object.metadata().ownerReferencesOrEmpty().stream()
        .filter(r -> !cmd.ownerUid().equals(r.uid())).toList();
    if (refs.size() == object.metadata().ownerReferencesOrEmpty().size()) {
      return Effect().noReply();
    }
    return persist(new ObjectUpdated(object.withMetadata(object.metadata().withOwnerReferences(refs.isEmpty() ? null : refs))));
  }

  /** While the object is being deleted: finish its finalizers; otherwise the kind's reconcile. */
  private ReplyEffect<ObjectEvent, State> reconcileOrFinish(KubeObject object) {
    if (!object.metadata().isDeleting()) {
      return reconcile(object);
    }
    List<String> finalizers = new ArrayList<>(object.metadata().finalizersOrEmpty());
    List<KubeObject> dependents = cache.dependents(object.metadata().uid(), KubeObject.class);
    if (finalizers.contains(FOREGROUND)) {
      dependents.forEach(d -> Entities.tell(sharding, ObjectKey.of(d), new Delete("Foreground", null, context.getSystem().ignoreRef())));
      if (dependents.isEmpty()) {
        finalizers.remove(FOREGROUND);
      }
    }
    if (finalizers.contains(ORPHAN)) {
      dependents.forEach(d -> Entities.tell(sharding, ObjectKey.of(d), new DropOwner(object.metadata().uid())));
      if (dependents.isEmpty()) {
        finalizers.remove(ORPHAN);
      }
    }
    KubeObject next = object.withMetadata(object.metadata().withFinalizers(finalizers.isEmpty() ? null : finalizers));
    if (finalizers.isEmpty() && readyToVanish(next)) {
      return persist(new ObjectDeleted(next));
    }
    if (!next.equals(object)) {
      return persist(new ObjectUpdated(next));
    }
    return deletingReconcile(object);
  }

  /** What a kind does while it waits to vanish (a pod stopping its containers). */
  protected ReplyEffect<ObjectEvent, State> deletingReconcile(KubeObject object) {
    return Effect().noReply();
  }

  // ---- helpers for kinds ------------------------------------------------------------------

  /**
   * Writes to a dependent's entity (create, scale, …). While such writes are in flight the kind's
   * reconcile should wait ({@link #childWritesInFlight()}); it runs again when the last one ends.
   */
  protected void writeChild(ObjectKey child, java.util.function.Function<ActorRef<WriteResult>, Command> command) {
    Command first = command.apply(context.getSystem().ignoreRef());
    ChildWrites.Pending p = childWrites.start(child, first instanceof Create, Instant.now(), settings.askTimeout());
    childCommands.put(p.id(), command);
    sendChildWrite(p);
  }

  /** One attempt; with no answer within {@code orca.control.delivery-retry} it is sent again ({@link ChildWrites}). */
  private void sendChildWrite(ChildWrites.Pending p) {
    java.util.function.Function<ActorRef<WriteResult>, Command> command = childCommands.get(p.id());
    context.ask(WriteResult.class, Entities.ref(sharding, p.child()), settings.deliveryRetry(), command::apply,
        (result, error) -> new ChildWritten(p.id(), p.attempt(), result, result != null ? null : String.valueOf(error)));
  }

  protected boolean childWritesInFlight() {
    return childWrites.inFlight() > 0;
  }

  /**
   * A new incarnation has recovered its state. After a failed persist the supervisor restarts the
   * entity in place (the same object, its fields kept), so a kind forgets here what it had
   * planned on the strength of an event that never landed.
   */
  protected void onRecovered() {}

  /** A kind's bookkeeping when a write to a dependent ends (e.g. forget a failed create). */
  protected void onChildWritten(String childName, WriteResult result) {}

  private ReplyEffect<ObjectEvent, State> onChildWritten(State state, ChildWritten cmd) {
    ChildWrites.Outcome outcome = childWrites.answer(cmd.id(), cmd.attempt(), cmd.result(), cmd.failure(), Instant.now());
    if (outcome instanceof ChildWrites.Retry retry) {
      context.getLog().debug("no answer from {} within {}: sending attempt {}", retry.next().child(),
          settings.deliveryRetry(), retry.next().attempt());
      sendChildWrite(retry.next());
    } else if (outcome instanceof ChildWrites.Done done) {
      childCommands.remove(cmd.id());
      onChildWritten(done.child().name(), done.result());
      if (!childWritesInFlight()) {
        requestReconcile();
      }
    }
    return Effect().noReply();
  }

  /** Persists an event, then replies with where it landed. */
  protected ReplyEffect<ObjectEvent, State> persistAndReply(ObjectEvent event, ActorRef<WriteResult> replyTo) {
    return write(event)
        .thenRun(s -> afterPersisted(event))
        .thenReply(replyTo, s -> new Accepted(key.persistenceId(), lastSequenceNumber(context)));
  }

  /** Persists an event, then replies with a kind's own answer. */
  protected <R> ReplyEffect<ObjectEvent, State> persistAndAnswer(ObjectEvent event, ActorRef<R> replyTo, R answer) {
    return write(event).thenRun(s -> afterPersisted(event)).thenReply(replyTo, s -> answer);
  }

  /** Persists an event that no one waits for. */
  protected ReplyEffect<ObjectEvent, State> persist(ObjectEvent event) {
    return write(event).thenRun(s -> afterPersisted(event)).thenNoReply();
  }

  private org.apache.pekko.persistence.typed.javadsl.EffectBuilder<ObjectEvent, State> write(ObjectEvent event) {
    writeStarted = java.time.Instant.now();
    return Effect().persist(event);
  }

  /**
   * When the last write began (the entity takes no command until it is stored): in
   * {@link #afterPersist}, how long the entity could not hear anything.
   */
  protected java.time.Instant writeStarted() {
    return writeStarted;
  }

  private void afterPersisted(ObjectEvent event) {
    store.signal().wake();
    OwnerReference owner = event.object().metadata().controllerRef();
    if (owner != null) {
      Entities.ownerKey(owner, key.namespace()).ifPresent(ownerKey ->
          Entities.tell(sharding, ownerKey, new ChildChanged(key.persistenceId(), lastSequenceNumber(context))));
    }
    if (event instanceof ObjectDeleted) {
      timers.cancelAll();
    } else {
      startResync();
      requestReconcile();
    }
    afterPersist(event);
  }

  private void startResync() {
    if (resyncInterval() != null && !timers.isTimerActive("resync")) {
      timers.startTimerWithFixedDelay("resync", new Reconcile(), resyncInterval());
    }
  }

  /**
   * Reconciles soon, once, however often it is asked in the meantime: after the debounce, or
   * longer after a costly reconcile ({@link ReconcilePacing}).
   */
  protected void requestReconcile() {
    if (!timers.isTimerActive("reconcile")) {
      timers.startSingleTimer("reconcile", new Reconcile(), pacedDelay());
    }
  }

  /** How long the next reconcile should wait, by what the last one cost ({@link ReconcilePacing}). */
  protected java.time.Duration pacedDelay() {
    return settings.reconcilePacing().delay(lastReconcileNanos, reconcileLoad.scale());
  }

  protected static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  protected static Instant parseTime(String time) {
    return time == null ? null : Instant.parse(time);
  }

  protected static boolean olderThan(String time, Duration age) {
    Instant t = parseTime(time);
    return t != null && t.plus(age).isBefore(Instant.now());
  }
}
