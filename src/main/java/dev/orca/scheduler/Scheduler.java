package dev.orca.scheduler;

import dev.orca.control.Entities;
import dev.orca.control.PodEntity;
import dev.orca.model.Node;
import dev.orca.model.Pod;
import dev.orca.model.PodResources;
import dev.orca.model.ResourceType;
import dev.orca.store.Change;
import dev.orca.store.ObjectKey;
import dev.orca.store.StoredObject;
import dev.orca.store.Store;
import dev.orca.store.WatchCache;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The scheduler, a cluster singleton. It follows the read side for pods without a node, and each
 * tick schedules a batch of them against a snapshot of the nodes, assuming each placement so
 * that a batch never overcommits a node. The Pod asks its chosen Node to admit it; a rejected
 * binding goes back to the queue. Pods that fit nowhere are marked Unschedulable and retried
 * when nodes change.
 */
public final class Scheduler extends AbstractBehavior<Scheduler.Command> {

  public sealed interface Command {}

  private record PodPending(ObjectKey key) implements Command {}

  private record PodSettled(ObjectKey key) implements Command {}

  private record NodeChanged(String name, Node node) implements Command {}

  /** A pod that counts against a node, or did, changed in a way that matters to scheduling; null when gone. */
  private record PodPlacementChanged(ObjectKey key, Pod pod) implements Command {}

  private record Tick() implements Command {}

  private record RetryUnschedulable() implements Command {}

  private record BindOutcome(ObjectKey key, boolean bound, String reason) implements Command {}

  private static final int BATCH = 500;
  /**
   * At most this long per tick, so a large batch on a large cluster does not hold a dispatcher
   * thread (and this actor's bind outcomes) for a second; the rest waits for the next tick.
   */
  private static final long TICK_BUDGET_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);
  private static final String COMPONENT = "default-scheduler";

  private final WatchCache cache;
  private final ClusterSharding sharding;
  private final TimerScheduler<Command> timers;
  private final SchedulingPipeline pipeline;
  private final SchedulerSettings settings;
  private final NodeTable table = new NodeTable();
  private final Set<ObjectKey> queue = new LinkedHashSet<>();
  private final Map<ObjectKey, String> inFlight = new HashMap<>();
  private final Map<ObjectKey, String> unschedulable = new HashMap<>();
  private final Map<ObjectKey, String> reportedFailures = new HashMap<>();
  private final dev.orca.control.EventRecorder events;
  private final WatchCache.Subscription subscription;

  private Scheduler(ActorContext<Command> context, TimerScheduler<Command> timers, SchedulerSettings settings) {
    super(context);
    this.timers = timers;
    this.settings = settings;
    this.cache = Store.get(context.getSystem()).cache();
    this.sharding = ClusterSharding.get(context.getSystem());
    this.pipeline = SchedulingPipeline.standard();
    this.events = dev.orca.control.EventRecorder.get(context.getSystem());
    this.subscription = cache.subscribe(this::route);
    for (StoredObject s : cache.all(ResourceType.NODE)) {
      table.putNode((Node) s.object());
    }
    for (StoredObject s : cache.all(ResourceType.POD)) {
      Pod pod = (Pod) s.object();
      table.putPod(s.key(), pod);
      if (needsNode(pod)) {
        queue.add(s.key());
      }
    }
    timers.startTimerWithFixedDelay("retry", new RetryUnschedulable(), settings.retryInterval());
    scheduleTick();
  }

  public static Behavior<Command> create(SchedulerSettings settings) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new Scheduler(context, timers, settings)));
  }

  static boolean needsNode(Pod pod) {
    return pod.spec() != null && pod.spec().nodeName() == null && !pod.metadata().isDeleting()
        && !PodResources.isTerminal(pod)
        && (pod.spec().schedulerName() == null || "default-scheduler".equals(pod.spec().schedulerName()));
  }

  /**
   * On the journal tail's thread: only tells. The changes the node table needs are passed on
   * whole (a subscriber that replays them in order ends where the cache is, even for changes it
   * also saw in its first read); a status report on a running pod passes nothing.
   */
  private boolean route(Change change) {
    if (change.latest().object() instanceof Pod) {
      Pod previous = change.previous() == null ? null : (Pod) change.previous().object();
      Pod current = change.current() == null ? null : (Pod) change.current().object();
      if ((previous != null && NodeTable.countsOn(previous) != null || current != null && NodeTable.countsOn(current) != null)
          && !NodeTable.sameForScheduling(previous, current)) {
        getContext().getSelf().tell(new PodPlacementChanged(change.key(), current));
      }
      if (current != null && needsNode(current)) {
        if (previous == null || !needsNode(previous) || !current.spec().equals(previous.spec())) {
          getContext().getSelf().tell(new PodPending(change.key()));
        }
      } else {
        getContext().getSelf().tell(new PodSettled(change.key()));
      }
    } else if (change.latest().object() instanceof Node node) {
      getContext().getSelf().tell(new NodeChanged(node.metadata().name(),
          change.current() == null ? null : (Node) change.current().object()));
    }
    return true;
  }

  private Behavior<Command> unsubscribe() {
    subscription.close();
    return this;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PodPending.class, this::onPodPending)
        .onMessage(PodSettled.class, this::onPodSettled)
        .onMessage(NodeChanged.class, this::onNodeChanged)
        .onMessage(PodPlacementChanged.class, this::onPodPlacementChanged)
        .onMessage(RetryUnschedulable.class, m -> retryUnschedulable())
        .onMessage(Tick.class, this::onTick)
        .onMessage(BindOutcome.class, this::onBindOutcome)
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, signal -> unsubscribe())
        .onSignal(org.apache.pekko.actor.typed.PreRestart.class, signal -> unsubscribe())
        .build();
  }

  private Behavior<Command> onPodPending(PodPending m) {
    if (!inFlight.containsKey(m.key())) {
      unschedulable.remove(m.key());
      queue.add(m.key());
      scheduleTick();
    }
    return this;
  }

  private Behavior<Command> onNodeChanged(NodeChanged m) {
    if (m.node() == null) {
      table.removeNode(m.name());
    } else {
      table.putNode(m.node());
    }
    return retryUnschedulable();
  }

  /** A pod that ended or went frees room: the pods that fit nowhere get another try. */
  private Behavior<Command> onPodPlacementChanged(PodPlacementChanged m) {
    table.putPod(m.key(), m.pod());
    if (m.pod() == null || NodeTable.countsOn(m.pod()) == null) {
      return retryUnschedulable();
    }
    return this;
  }

  private Behavior<Command> onPodSettled(PodSettled m) {
    queue.remove(m.key());
    unschedulable.remove(m.key());
    reportedFailures.remove(m.key());
    return this;
  }

  private Behavior<Command> retryUnschedulable() {
    if (!unschedulable.isEmpty()) {
      queue.addAll(unschedulable.keySet());
      unschedulable.clear();
      scheduleTick();
    }
    return this;
  }

  private void scheduleTick() {
    if (!queue.isEmpty() && !timers.isTimerActive("tick")) {
      timers.startSingleTimer("tick", new Tick(), settings.batchInterval());
    }
  }

  private Behavior<Command> onTick(Tick tick) {
    ClusterSnapshot snapshot = table.snapshot().working();
    for (Map.Entry<ObjectKey, String> assumed : inFlight.entrySet()) {
      StoredObject s = cache.get(assumed.getKey());
      if (s != null && ((Pod) s.object()).spec().nodeName() == null && snapshot.node(assumed.getValue()) != null) {
        snapshot = snapshot.assume((Pod) s.object(), assumed.getValue());
      }
    }
    Iterator<ObjectKey> it = queue.iterator();
    int done = 0;
    long deadline = System.nanoTime() + TICK_BUDGET_NANOS;
    while (it.hasNext() && done < BATCH && System.nanoTime() - deadline < 0) {
      ObjectKey key = it.next();
      it.remove();
      done++;
      StoredObject stored = cache.get(key);
      if (stored == null || !needsNode((Pod) stored.object()) || inFlight.containsKey(key)) {
        continue;
      }
      Pod pod = (Pod) stored.object();
      SchedulingResult result = pipeline.schedule(pod, snapshot);
      if (result instanceof SchedulingResult.Scheduled scheduled) {
        snapshot = snapshot.assume(pod, scheduled.nodeName());
        bind(key, scheduled.nodeName());
      } else if (result instanceof SchedulingResult.Unschedulable none) {
        unschedulable.put(key, none.message());
        Entities.tell(sharding, key, new PodEntity.MarkUnschedulable(none.message()));
        if (!none.message().equals(reportedFailures.put(key, none.message()))) {
          events.record(pod, dev.orca.control.EventRecorder.WARNING, "FailedScheduling", none.message(), COMPONENT);
        }
      }
    }
    scheduleTick();
    return this;
  }

  private void bind(ObjectKey key, String nodeName) {
    inFlight.put(key, nodeName);
    getContext().ask(PodEntity.BindResult.class, Entities.ref(sharding, key), settings.bindTimeout(),
        replyTo -> new PodEntity.Bind(nodeName, replyTo),
        (result, error) -> result instanceof PodEntity.Bound
            ? new BindOutcome(key, true, null)
            : new BindOutcome(key, false, result instanceof PodEntity.BindingRejected r ? r.reason() : String.valueOf(error)));
  }

  private Behavior<Command> onBindOutcome(BindOutcome outcome) {
    String nodeName = inFlight.remove(outcome.key());
    reportedFailures.remove(outcome.key());
    if (outcome.bound()) {
      StoredObject s = cache.get(outcome.key());
      if (s != null) {
        events.record(s.object(), dev.orca.control.EventRecorder.NORMAL, "Scheduled", "Successfully assigned "
            + outcome.key().namespace() + "/" + outcome.key().name() + " to " + nodeName, COMPONENT);
      }
    } else {
      getContext().getLog().debug("binding {} rejected: {}", outcome.key(), outcome.reason());
      StoredObject s = cache.get(outcome.key());
      if (s != null && needsNode((Pod) s.object())) {
        queue.add(outcome.key());
        scheduleTick();
      }
    }
    return this;
  }
}
