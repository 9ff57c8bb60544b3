package dev.orca.api;

import com.typesafe.config.Config;
import dev.orca.store.Store;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Binds the Kubernetes API: discovery and the resource endpoints, every failure a Status. */
public final class ApiServer extends AllDirectives {
  private ApiServer() {}

  /** Binds and completes with the bound port. */
  public static CompletionStage<Integer> start(ActorSystem<?> system, String host, int port) {
    Config config = system.settings().config();
    ApiSettings api = ApiSettings.fromConfig(config);
    Duration askTimeout = api.askTimeout();
    Store store = Store.get(system);
    ObjectService service = new ObjectService(system, store, askTimeout, api.maxInflightWrites());
    ApiServer server = new ApiServer();
    dev.orca.node.AgentDirectory agents = new dev.orca.node.AgentDirectory(system, askTimeout);
    dev.orca.chaos.NodeFaults faults = new dev.orca.chaos.NodeFaults(agents);
    dev.orca.chaos.PartitionFaults partitions = new dev.orca.chaos.PartitionFaults(system.classicSystem());
    dev.orca.chaos.ChaosInjector injector = new dev.orca.chaos.ChaosInjector(
        new dev.orca.chaos.MemberEffects(faults, partitions),
        (delay, task) -> system.scheduler().scheduleOnce(delay, task, system.executionContext()),
        java.time.Clock.systemUTC());
    Route route = ErrorHandling.handled(server.concat(
        new DiscoveryRoutes().route(),
        new OpenApiRoutes().route(),
        new ChaosRoutes(config.getBoolean("orca.chaos.enabled"), faults, injector, partitions, service,
            store.cache()).route(),
        new MetricsRoutes(store.cache(), service, agents).route(),
        new ResourceRoutes(system, service, new PodLogs(store.cache(), agents), Limits.of(api),
            store.settings().watcherBuffer()).route()));
    return Http.get(system).newServerAt(host, port).bind(route)
        .thenApply(binding -> {
          binding.addToCoordinatedShutdown(Duration.ofSeconds(5), system);
          return binding.localAddress().getPort();
        });
  }
}
