package dev.orca.net;

import dev.orca.model.EndpointSlice;
import dev.orca.model.ResourceType;
import dev.orca.model.Service;
import dev.orca.store.Change;
import dev.orca.store.Store;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.orca.node.network.PodNetwork;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Tcp;

/**
 * The service proxy of one worker JVM (kube-proxy's job, in user space on Pekko Streams TCP): it
 * listens on every Service's cluster IP and port and on 127.0.0.1 and each node port, and hands
 * each connection to a ready endpoint ({@link ProxyConnections}). It follows the watch cache: a
 * change to a Service or an EndpointSlice recomputes the table ({@link ProxyRoutes}) at once, so an
 * endpoint that turns not-ready or terminating gets no new connection from then on. Listeners
 * open and close as Services come and go; one that cannot open (the address is taken) is tried
 * again on the next change or resync.
 */
public final class ServiceProxy extends AbstractBehavior<ServiceProxy.Command> {

  public sealed interface Command {}

  private record Refresh() implements Command {}

  private record Bound(Frontend frontend, Tcp.ServerBinding binding) implements Command {}

  private record BindFailed(Frontend frontend, Throwable cause) implements Command {}

  private final WatchCache cache;
  private final ProxyConnections connections;
  private final WatchCache.Subscription subscription;
  private final AtomicBoolean refreshPending = new AtomicBoolean();
  private final Map<Frontend, Tcp.ServerBinding> bound = new HashMap<>();
  private final Set<Frontend> binding = new HashSet<>();
  private final Set<Frontend> failedBefore = new HashSet<>();
  private Map<Frontend, ProxyRoutes.Route> table = Map.of();
  /** The pods' network, which may have to make a cluster IP an address of this host first; null: all are local. */
  private final PodNetwork network;
  private final Executor blocking;

  private ServiceProxy(ActorContext<Command> context, Duration connectTimeout, PodNetwork network) {
    super(context);
    this.network = network;
    this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    this.cache = Store.get(context.getSystem()).cache();
    this.connections = new ProxyConnections(context.getSystem(), connectTimeout);
    this.subscription = cache.subscribe(this::route);
    context.getSelf().tell(new Refresh());
  }

  public static Behavior<Command> create(Duration connectTimeout, Duration resyncInterval, PodNetwork network) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Refresh(), resyncInterval);
      return new ServiceProxy(context, connectTimeout, network);
    }));
  }

  private boolean route(Change change) {
    ResourceType type = change.key().type();
    if ((type == ResourceType.SERVICE || type == ResourceType.ENDPOINT_SLICE) && refreshPending.compareAndSet(false, true)) {
      getContext().getSelf().tell(new Refresh());
    }
    return true;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Refresh.class, this::onRefresh)
        .onMessage(Bound.class, this::onBound)
        .onMessage(BindFailed.class, this::onBindFailed)
        .onSignal(PostStop.class, signal -> onStop())
        .build();
  }

  private Behavior<Command> onRefresh(Refresh r) {
    refreshPending.set(false);
    List<Service> services = new ArrayList<>();
    for (StoredObject s : cache.all(ResourceType.SERVICE)) {
      services.add((Service) s.object());
    }
    List<EndpointSlice> slices = new ArrayList<>();
    for (StoredObject s : cache.all(ResourceType.ENDPOINT_SLICE)) {
      slices.add((EndpointSlice) s.object());
    }
    table = ProxyRoutes.of(services, slices);
    connections.update(table);
    for (Frontend frontend : table.keySet()) {
      if (!bound.containsKey(frontend) && binding.add(frontend)) {
        bind(frontend);
      }
    }
    for (Frontend frontend : new ArrayList<>(bound.keySet())) {
      if (!table.containsKey(frontend)) {
        Tcp.ServerBinding binding = bound.remove(frontend);
        String host = frontend.host();
        boolean stillUsed = table.keySet().stream().anyMatch(f -> f.host().equals(host));
        binding.unbind().thenRunAsync(() -> {
          if (network != null && !stillUsed && !host.equals(ProxyRoutes.NODE_PORT_HOST)) {
            network.unexposeOnHost(host);
          }
        }, blocking);
        getContext().getLog().info("proxy stopped listening on {}", frontend);
      }
    }
    return this;
  }

  private void bind(Frontend frontend) {
    CompletionStage<Void> local = network == null || frontend.host().equals(ProxyRoutes.NODE_PORT_HOST)
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.runAsync(() -> network.exposeOnHost(frontend.host()), blocking);
    getContext().pipeToSelf(local.thenCompose(done ->
            Tcp.get(getContext().getSystem()).bind(frontend.host(), frontend.port(), 100, List.of(), true,
                    java.util.Optional.empty())
                .to(Sink.foreach(connection -> connections.accept(frontend, connection)))
                .run(getContext().getSystem())),
        (b, failure) -> failure == null ? new Bound(frontend, b) : new BindFailed(frontend, failure));
  }

  private Behavior<Command> onBound(Bound b) {
    binding.remove(b.frontend());
    failedBefore.remove(b.frontend());
    if (!table.containsKey(b.frontend())) {
      b.binding().unbind();
      return this;
    }
    bound.put(b.frontend(), b.binding());
    getContext().getLog().info("proxy listening on {} for {}", b.frontend(), table.get(b.frontend()).service());
    return this;
  }

  private Behavior<Command> onBindFailed(BindFailed f) {
    binding.remove(f.frontend());
    if (failedBefore.add(f.frontend())) {
      getContext().getLog().warn("proxy cannot listen on {}: {} (tried again on the next change)", f.frontend(),
          f.cause().getMessage());
    }
    return this;
  }

  private Behavior<Command> onStop() {
    subscription.close();
    bound.values().forEach(Tcp.ServerBinding::unbind);
    return this;
  }
}
