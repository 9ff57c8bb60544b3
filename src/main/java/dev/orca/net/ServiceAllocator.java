package dev.orca.net;

import dev.orca.CborSerializable;
import dev.orca.model.ResourceType;
import dev.orca.model.Service;
import dev.orca.model.ServicePort;
import dev.orca.store.ObjectKey;
import dev.orca.store.Store;
import dev.orca.store.StoredObject;
import dev.orca.store.WatchCache;
import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Hands out cluster IPs and node ports, a cluster singleton so that two API servers never give
 * the same address twice. What is in use is what the watch cache's Services hold, plus what this
 * allocator granted and the cache does not show yet (forgotten once it does, or after a few
 * minutes when the write never happened); a deleted Service's addresses are free again at once.
 */
public final class ServiceAllocator extends AbstractBehavior<ServiceAllocator.Command> {
  private static final Duration GRANT_TTL = Duration.ofMinutes(2);

  public sealed interface Command extends CborSerializable {}

  public record Allocate(ObjectKey service, AddressRequest request, ActorRef<Allocation> replyTo) implements Command {}

  /** The watch cache changed a Service: a grant it shows, or one of a Service now gone, is done. */
  private record ServiceChanged(ObjectKey service, Service gone) implements Command {}

  private record Grant(String ip, List<Integer> nodePorts, Instant at) {}

  private final WatchCache cache;
  private final ServiceAddresses addresses;
  private final Map<ObjectKey, Grant> grants = new HashMap<>();
  private final Random random = new Random();

  private ServiceAllocator(ActorContext<Command> context, ServiceAddresses addresses) {
    super(context);
    this.cache = Store.get(context.getSystem()).cache();
    this.addresses = addresses;
    WatchCache.Subscription subscription = cache.subscribe(change -> {
      if (change.key().type() == ResourceType.SERVICE) {
        context.getSelf().tell(new ServiceChanged(change.key(),
            change.isDeletion() ? (Service) change.previous().object() : null));
      }
      return true;
    });
    this.unsubscribe = subscription::close;
  }

  private final Runnable unsubscribe;

  /** The allocator's proxy, for a member that does not host it (or after it was started). */
  public static ActorRef<Command> proxy(ActorSystem<?> system) {
    return init(system, system.settings().config().getString("orca.network.service-cidr"));
  }

  /** Starts the singleton on control members, allocating cluster IPs from {@code serviceCidr}; returns its proxy. */
  public static ActorRef<Command> init(ActorSystem<?> system, String serviceCidr) {
    Config config = system.settings().config();
    ServiceAddresses addresses = new ServiceAddresses(serviceCidr, config.getInt("orca.network.node-port-min"),
        config.getInt("orca.network.node-port-max"));
    return ClusterSingleton.get(system).init(SingletonActor.of(
        Behaviors.supervise(dev.orca.fencing.SingletonGate.around(Behaviors.<Command>setup(ctx -> new ServiceAllocator(ctx, addresses)),
                Command.class, dev.orca.fencing.WriterLease.get(system), "service-allocator"))
            .onFailure(SupervisorStrategy.restart()), "service-allocator")
        .withSettings(ClusterSingletonSettings.create(system).withRole("control")));
  }

  /** Whether the watch cache already shows the Service with what was granted (the grant has done its job). */
  private boolean stored(ObjectKey key, Grant grant) {
    StoredObject s = cache.get(key);
    return s != null && holds((Service) s.object(), grant);
  }

  /** Whether the Service has the granted addresses. */
  private static boolean holds(Service service, Grant grant) {
    if (service.spec() == null) {
      return false;
    }
    List<Integer> ports = new java.util.ArrayList<>();
    for (ServicePort p : service.spec().ports() == null ? List.<ServicePort>of() : service.spec().ports()) {
      ports.add(p.nodePort());
    }
    return java.util.Objects.equals(service.spec().clusterIP(), grant.ip()) && ports.equals(grant.nodePorts());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Allocate.class, this::onAllocate)
        .onMessage(ServiceChanged.class, this::onServiceChanged)
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, s -> {
          unsubscribe.run();
          return this;
        })
        .onSignal(org.apache.pekko.actor.typed.PreRestart.class, s -> {
          unsubscribe.run();
          return this;
        })
        .build();
  }

  private Behavior<Command> onServiceChanged(ServiceChanged c) {
    Grant grant = grants.get(c.service());
    if (grant != null && (stored(c.service(), grant) || (c.gone() != null && holds(c.gone(), grant)))) {
      grants.remove(c.service());
    }
    return this;
  }

  private Behavior<Command> onAllocate(Allocate a) {
    Instant now = Instant.now();
    grants.entrySet().removeIf(e -> e.getValue().at().plus(GRANT_TTL).isBefore(now) || stored(e.getKey(), e.getValue()));
    Set<String> ips = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    for (StoredObject s : cache.all(ResourceType.SERVICE)) {
      if (!s.key().equals(a.service())) {
        Service service = (Service) s.object();
        if (service.spec() != null) {
          if (service.spec().clusterIP() != null) {
            ips.add(service.spec().clusterIP());
          }
          for (ServicePort p : service.spec().ports() == null ? List.<ServicePort>of() : service.spec().ports()) {
            if (p.nodePort() != null) {
              ports.add(p.nodePort());
            }
          }
        }
      }
    }
    grants.forEach((key, g) -> {
      if (!key.equals(a.service())) {
        if (g.ip() != null) {
          ips.add(g.ip());
        }
        g.nodePorts().stream().filter(p -> p != null).forEach(ports::add);
      }
    });
    Allocation result = addresses.allocate(a.request(), ips, ports, random);
    if (result instanceof Allocation.Allocated allocated) {
      grants.put(a.service(), new Grant(allocated.ip(), allocated.nodePorts(), now));
    }
    a.replyTo().tell(result);
    return this;
  }
}
