package dev.orca.net;

import dev.orca.control.Entities;
import dev.orca.control.ObjectEntity;
import dev.orca.model.EndpointSlice;
import dev.orca.model.Endpoints;
import dev.orca.model.KubeObject;
import dev.orca.model.Pod;
import dev.orca.model.ResourceType;
import dev.orca.model.Service;
import dev.orca.store.Change;
import dev.orca.store.ObjectKey;
import dev.orca.store.Store;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The endpoints controller, a cluster singleton: keeps each Service's {@link Endpoints} and
 * {@link EndpointSlice}s equal to what {@link ServiceEndpoints} computes from the Service and its
 * pods. A change to a pod, a Service or their endpoints only marks Services dirty; dirty Services
 * are synced together a moment later (so a rollout's burst of pod changes costs one write per
 * Service), and every Service is synced again on a timer (level-triggered, so a lost write heals).
 */
public final class EndpointsController extends AbstractBehavior<EndpointsController.Command> {

  public sealed interface Command {}

  private record Dirty(List<ObjectKey> services) implements Command {}

  /** A pod changed: the Services selecting it before or after are dirty (found here, not on the cache's thread). */
  private record PodChanged(Change change) implements Command {}

  private record Flush() implements Command {}

  private record Resync() implements Command {}

  private record Written(ObjectEntity.WriteResult result) implements Command {}

  private final WatchCache cache;
  private final ClusterSharding sharding;
  private final TimerScheduler<Command> timers;
  private final Duration batch;
  private final WatchCache.Subscription subscription;
  private final Set<ObjectKey> dirty = new LinkedHashSet<>();
  /** What this controller last asked each endpoints object to be: not asked again while the cache catches up. */
  private final Map<ObjectKey, KubeObject> sent = new HashMap<>();
  private final ActorRef<ObjectEntity.WriteResult> replies;

  private EndpointsController(ActorContext<Command> context, TimerScheduler<Command> timers, Duration batch) {
    super(context);
    this.timers = timers;
    this.batch = batch;
    this.cache = Store.get(context.getSystem()).cache();
    this.sharding = ClusterSharding.get(context.getSystem());
    this.replies = context.messageAdapter(ObjectEntity.WriteResult.class, Written::new);
    this.subscription = cache.subscribe(this::route);
    context.getSelf().tell(new Resync());
  }

  public static Behavior<Command> create(Duration batch, Duration resyncInterval) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Resync(), resyncInterval);
      return new EndpointsController(context, timers, batch);
    }));
  }

  /** On the watch cache's thread: only says which change happened; finding the Services is the actor's work. */
  private boolean route(Change change) {
    ResourceType type = change.key().type();
    if (type == ResourceType.SERVICE) {
      getContext().getSelf().tell(new Dirty(List.of(change.key())));
    } else if (type == ResourceType.ENDPOINTS) {
      getContext().getSelf().tell(new Dirty(List.of(new ObjectKey(ResourceType.SERVICE, change.key().namespace(),
          change.key().name()))));
    } else if (type == ResourceType.ENDPOINT_SLICE) {
      String service = change.latest().object().metadata().labelsOrEmpty().get(EndpointSlice.SERVICE_NAME_LABEL);
      if (service != null) {
        getContext().getSelf().tell(new Dirty(List.of(new ObjectKey(ResourceType.SERVICE, change.key().namespace(), service))));
      }
    } else if (type == ResourceType.POD) {
      getContext().getSelf().tell(new PodChanged(change));
    }
    return true;
  }

  private List<ObjectKey> servicesSelecting(Change change) {
    Set<ObjectKey> services = new LinkedHashSet<>();
    for (StoredObject s : cache.all(ResourceType.SERVICE)) {
      if (!s.key().namespace().equals(change.key().namespace())) {
        continue;
      }
      Service service = (Service) s.object();
      if ((change.previous() != null && ServiceEndpoints.selects(service, change.previous().object().metadata().labelsOrEmpty()))
          || (change.current() != null && ServiceEndpoints.selects(service, change.current().object().metadata().labelsOrEmpty()))) {
        services.add(s.key());
      }
    }
    return List.copyOf(services);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Dirty.class, this::onDirty)
        .onMessage(PodChanged.class, m -> {
          List<ObjectKey> services = servicesSelecting(m.change());
          return services.isEmpty() ? this : onDirty(new Dirty(services));
        })
        .onMessage(Flush.class, this::onFlush)
        .onMessage(Resync.class, this::onResync)
        .onMessage(Written.class, this::onWritten)
        .onSignal(PostStop.class, signal -> unsubscribe())
        .onSignal(PreRestart.class, signal -> unsubscribe())
        .build();
  }

  private Behavior<Command> unsubscribe() {
    subscription.close();
    return this;
  }

  private Behavior<Command> onDirty(Dirty d) {
    dirty.addAll(d.services());
    if (!timers.isTimerActive("flush")) {
      timers.startSingleTimer("flush", new Flush(), batch);
    }
    return this;
  }

  private Behavior<Command> onResync(Resync r) {
    sent.clear();
    cache.all(ResourceType.SERVICE).forEach(s -> dirty.add(s.key()));
    return onFlush(new Flush());
  }

  private Behavior<Command> onWritten(Written w) {
    if (w.result() instanceof ObjectEntity.Rejected rejected) {
      getContext().getLog().debug("endpoints write refused: {}", rejected.status().message());
      sent.clear();
    }
    return this;
  }

  private Behavior<Command> onFlush(Flush f) {
    for (ObjectKey key : dirty) {
      sync(key);
    }
    dirty.clear();
    return this;
  }

  private void sync(ObjectKey serviceKey) {
    StoredObject stored = cache.get(serviceKey);
    if (stored == null || !ServiceEndpoints.managed((Service) stored.object())) {
      return;
    }
    Service service = (Service) stored.object();
    List<Pod> pods = cache.list(ResourceType.POD, serviceKey.namespace(), o -> true).items().stream()
        .map(s -> (Pod) s.object()).toList();
    write(ServiceEndpoints.endpoints(service, pods));
    List<EndpointSlice> slices = ServiceEndpoints.slices(service, pods);
    Set<String> names = new HashSet<>();
    slices.forEach(s -> names.add(s.metadata().name()));
    slices.forEach(this::write);
    for (StoredObject s : cache.list(ResourceType.ENDPOINT_SLICE, serviceKey.namespace(), o ->
        serviceKey.name().equals(o.metadata().labelsOrEmpty().get(EndpointSlice.SERVICE_NAME_LABEL))
            && ServiceEndpoints.MANAGED_BY.equals(o.metadata().labelsOrEmpty().get(EndpointSlice.MANAGED_BY_LABEL)))
        .items()) {
      if (!names.contains(s.key().name()) && !s.object().metadata().isDeleting()) {
        sent.remove(s.key());
        Entities.tell(sharding, s.key(), new ObjectEntity.Delete("Background", null, replies));
      }
    }
  }

  private void write(KubeObject desired) {
    ObjectKey key = ObjectKey.of(desired);
    StoredObject current = cache.get(key);
    if (current != null && sameContent(current.object(), desired)) {
      sent.remove(key);
      return;
    }
    KubeObject asked = sent.get(key);
    if (asked != null && asked.equals(desired)) {
      return;
    }
    if (current == null && asked == null) {
      Entities.tell(sharding, key, new ObjectEntity.Create(desired, replies));
    } else {
      Entities.tell(sharding, key, new ObjectEntity.Update(desired, -1, false, replies));
    }
    sent.put(key, desired);
  }

  /** Whether the stored object already says what the controller wants (server-set metadata aside). */
  static boolean sameContent(KubeObject stored, KubeObject desired) {
    if (!Objects.equals(stored.metadata().labels(), desired.metadata().labels())
        || !Objects.equals(stored.metadata().ownerReferences(), desired.metadata().ownerReferences())) {
      return false;
    }
    if (stored instanceof Endpoints s && desired instanceof Endpoints d) {
      return Objects.equals(s.subsets(), d.subsets());
    }
    if (stored instanceof EndpointSlice s && desired instanceof EndpointSlice d) {
      return Objects.equals(s.endpoints(), d.endpoints()) && Objects.equals(s.ports(), d.ports())
          && Objects.equals(s.addressType(), d.addressType());
    }
    return false;
  }
}
