package dev.orca.boot;

import dev.orca.api.ApiServer;
import dev.orca.control.ControlSettings;
import dev.orca.db.JournalSchema;
import dev.orca.fencing.FencingSettings;
import dev.orca.fencing.MembershipFeed;
import dev.orca.fencing.SingletonGate;
import dev.orca.fencing.WriterLease;
import dev.orca.control.DeploymentEntity;
import dev.orca.control.Entities;
import dev.orca.control.PassiveEntity;
import dev.orca.net.EndpointsController;
import dev.orca.net.ServiceAllocator;
import dev.orca.net.ServiceProxy;
import dev.orca.control.GarbageCollector;
import dev.orca.control.NamespaceEntity;
import dev.orca.control.NodeEntity;
import dev.orca.control.MemberLossWatch;
import dev.orca.control.ObjectEntity;
import dev.orca.control.PodEntity;
import dev.orca.control.ReplicaSetEntity;
import dev.orca.model.Namespace;
import dev.orca.model.ObjectMeta;
import dev.orca.model.ResourceType;
import dev.orca.node.NodeSettings;
import dev.orca.node.WorkerNodes;
import dev.orca.node.runtime.ContainerEnvSources;
import dev.orca.node.runtime.LogStore;
import dev.orca.node.network.NetworkSettings;
import dev.orca.node.network.PodNetwork;
import dev.orca.node.network.PodNetworks;
import dev.orca.node.runtime.ProcessRuntime;
import dev.orca.node.runtime.SimulatedRuntime;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.orca.scheduler.Scheduler;
import dev.orca.scheduler.SchedulerSettings;
import dev.orca.store.ObjectKey;
import dev.orca.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Orca process: boots the actor system, the journal schema, the read side, the
 * entities and singletons, the node agents and the API, in that order, per the roles it plays.
 * Start-up happens on the caller's thread and may block; nothing here runs inside an actor.
 */
public final class Orca implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Orca.class);

  private final ActorSystem<Void> system;
  private final int port;

  private Orca(ActorSystem<Void> system, int port) {
    this.system = system;
    this.port = port;
  }

  public static Orca start(OrcaSettings settings) throws Exception {
    if (!settings.overrides().containsKey(FencingSettings.WRITER_NAME)) {
      // the name this start writes under: its journal connections' application_name (dev.orca.fencing)
      settings = settings.with(FencingSettings.WRITER_NAME,
          FencingSettings.newWriterName(settings.config().getString("orca.cluster.member")));
    }
    // Pekko would join the seed nodes as the system starts; boot joins them itself, later (on the
    // built config: a seed-nodes.0 override and a seed-nodes one side by side do not parse)
    Config config = settings.config();
    List<String> seeds = config.getStringList("pekko.cluster.seed-nodes");
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "orca",
        config.withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(List.of())));
    try {
      return boot(system, settings, seeds);
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  private static Orca boot(ActorSystem<Void> system, OrcaSettings settings, List<String> seeds) throws Exception {
    long started = System.nanoTime();
    Cluster cluster = Cluster.get(system);
    if (seeds.isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    createJournalSchema(system);
    startWriterLease(system);

    Store store = Store.get(system);
    store.start();
    long rv = store.cache().caughtUp().toCompletableFuture().get(5, TimeUnit.MINUTES);
    if (!seeds.isEmpty()) {
      // A member joins its cluster only now. Reading the whole journal into the watch cache is the
      // heaviest part of its boot (tens of seconds at 10,000 pods on two cores, young GC pauses of
      // up to 1 s stretched by the other JVMs, the JIT busy): inside the cluster it stalled this
      // member's heartbeats and those of the members it competed with until the Split Brain
      // Resolver downed one (docs/OPERATIONS.md, "Starting a cluster"). Outside it, nobody is
      // watching yet; the writer lease is already held and renewed, and the fencer here judges
      // nobody until this member is Up (dev.orca.fencing.WriterLease).
      cluster.manager().tell(new JoinSeedNodes(seeds.stream().map(AddressFromURIString::parse).toList()));
    }
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "stop-journal-tail",
        () -> {
          store.stop();
          return CompletableFuture.completedFuture(Done.getInstance());
        });

    ControlSettings control = ControlSettings.from(system.settings().config());
    ClusterSharding sharding = ClusterSharding.get(system);
    PodEntity.init(sharding, control);
    ReplicaSetEntity.init(sharding, control);
    DeploymentEntity.init(sharding, control);
    NodeEntity.init(sharding, control);
    NamespaceEntity.init(sharding, control);
    PassiveEntity.init(sharding, ResourceType.EVENT, control, system,
        system.settings().config().getDuration("orca.events.passivate-after"));
    for (ResourceType passive : List.of(ResourceType.SERVICE, ResourceType.ENDPOINTS,
        ResourceType.ENDPOINT_SLICE, ResourceType.CONFIG_MAP, ResourceType.SECRET)) {
      PassiveEntity.init(sharding, passive, control);
    }

    Config config = system.settings().config();
    boolean processNode = settings.roles().contains("worker") && config.getBoolean("orca.process-node.enabled");
    PodNetwork network = processNode ? PodNetworks.detect(NetworkSettings.from(config)) : null;
    String serviceCidr = network != null ? network.serviceCidr().toString() : config.getString("orca.network.service-cidr");

    boolean controlRole = settings.roles().contains("control");
    if (controlRole) {
      ClusterSingleton singletons = ClusterSingleton.get(system);
      // only on control members: the oldest control member hosts them, not the oldest member
      ClusterSingletonSettings onControl = ClusterSingletonSettings.create(system).withRole("control");
      WriterLease lease = WriterLease.get(system);
      singletons.init(SingletonActor.of(Behaviors.supervise(SingletonGate.around(
              Scheduler.create(SchedulerSettings.from(system.settings().config())), Scheduler.Command.class, lease, "scheduler"))
          .onFailure(SupervisorStrategy.restart()), "scheduler").withStopMessage(null).withSettings(onControl));
      singletons.init(SingletonActor.of(Behaviors.supervise(SingletonGate.around(GarbageCollector.create(
              system.settings().config().getDuration("orca.control.gc-interval")), GarbageCollector.Command.class, lease,
              "garbage-collector"))
          .onFailure(SupervisorStrategy.restart()), "garbage-collector").withSettings(onControl));
      Config services = system.settings().config().getConfig("orca.services");
      singletons.init(SingletonActor.of(Behaviors.supervise(SingletonGate.around(EndpointsController.create(
              services.getDuration("endpoints-batch"), services.getDuration("endpoints-resync")),
              EndpointsController.Command.class, lease, "endpoints-controller"))
          .onFailure(SupervisorStrategy.restart()), "endpoints-controller").withSettings(onControl));
      ServiceAllocator.init(system, serviceCidr);
      // every node's lease is watched again, even a node whose agent never comes back
      store.cache().all(ResourceType.NODE).forEach(n -> Entities.tell(sharding, n.key(), new ObjectEntity.Reconcile()));
      // ... and when a member is removed: its nodes and controllers start again on a survivor
      system.systemActorOf(MemberLossWatch.create(system.settings().config().getDuration("orca.node.lease-sweep-interval")),
          "member-loss-watch", org.apache.pekko.actor.typed.Props.empty());
      ensureNamespace(system, sharding, "default", control.askTimeout());
      ensureNamespace(system, sharding, "kube-system", control.askTimeout());
    }

    if (settings.roles().contains("worker")) {
      NodeSettings nodes = NodeSettings.from(system.settings().config());
      SimulatedRuntime runtime = new SimulatedRuntime(nodes.simulatedStartDelay(), system.executionContext(),
          new LogStore(1000));
      ActorRef<WorkerNodes.Command> workers = system.systemActorOf(
          WorkerNodes.create(runtime, nodes, settings.simulatedNodes()), "simulated-nodes",
          org.apache.pekko.actor.typed.Props.empty());
      if (config.getBoolean("orca.services.proxy.enabled")) {
        system.systemActorOf(Behaviors.supervise(ServiceProxy.create(
                config.getDuration("orca.services.proxy.connect-timeout"), config.getDuration("orca.services.endpoints-resync"),
                network))
            .onFailure(SupervisorStrategy.restart()), "service-proxy", org.apache.pekko.actor.typed.Props.empty());
      }
      if (processNode) {
        String name = config.getString("orca.process-node.name");
        ProcessRuntime processes = new ProcessRuntime(
            ProcessRuntime.Settings.of(settings.dataDir().toAbsolutePath().resolve("processes"), name)
                .withMemoryLimits(config.getBoolean("orca.runtime.cgroups"),
                    config.getDuration("orca.runtime.memory-watch-interval")),
            new LogStore(1000), network, ContainerEnvSources.of(store.cache()));
        workers.tell(new WorkerNodes.StartNode(WorkerNodes.processNode(name), processes));
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "stop-processes",
            () -> {
              processes.close();
              network.close();
              return CompletableFuture.completedFuture(Done.getInstance());
            });
      }
      CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stop-node-agents",
          () -> AskPattern.<WorkerNodes.Command, Done>ask(workers, WorkerNodes.Stop::new, Duration.ofSeconds(5),
              system.scheduler()));
    }

    if (config.getBoolean("orca.cluster.management.enabled")) {
      // /cluster/members, /cluster/shards/{name} (read-only, pekko.management.http in cluster.conf)
      org.apache.pekko.management.javadsl.PekkoManagement.get(system).start()
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    int port = -1;
    if (settings.roles().contains("api")) {
      port = ApiServer.start(system, settings.host(), settings.port()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    log.info("Orca is up in {} ms: member '{}' with roles {}, journal at resourceVersion {}, API on http://{}:{}, {} simulated node(s)",
        (System.nanoTime() - started) / 1_000_000, config.getString("orca.cluster.member"), settings.roles(), rv,
        settings.host(), port, settings.simulatedNodes());
    return new Orca(system, port);
  }

  private static void ensureNamespace(ActorSystem<Void> system, ClusterSharding sharding, String name, Duration timeout)
      throws Exception {
    ObjectKey key = new ObjectKey(ResourceType.NAMESPACE, "", name);
    if (Store.get(system).cache().get(key) != null) {
      return;
    }
    Namespace ns = new Namespace(Namespace.API_VERSION, Namespace.KIND, ObjectMeta.named(null, name), null, null);
    ObjectEntity.WriteResult result = AskPattern.<ObjectEntity.Command, ObjectEntity.WriteResult>ask(
        Entities.ref(sharding, key), replyTo -> new ObjectEntity.Create(ns, replyTo), timeout, system.scheduler())
        .toCompletableFuture().get(timeout.toMillis() * 3, TimeUnit.MILLISECONDS);
    if (result instanceof ObjectEntity.Accepted accepted) {
      Store.get(system).cache().awaitApplied(accepted.persistenceId(), accepted.sequenceNr())
          .toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Registers this JVM as a writer (PostgreSQL only) before any entity can start here, follows
   * membership for the fencer, gives the lease back on the way out, and shuts down if the cluster
   * fenced this JVM.
   */
  private static void startWriterLease(ActorSystem<Void> system) throws Exception {
    WriterLease lease = WriterLease.get(system);
    if (!lease.enabled()) {
      return;
    }
    lease.start(() -> CoordinatedShutdown.get(system).runAll(WriterFenced.INSTANCE));
    system.systemActorOf(MembershipFeed.create(lease), "membership-feed", org.apache.pekko.actor.typed.Props.empty());
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "release-writer-lease",
        () -> CompletableFuture.runAsync(lease::release).thenApply(v -> Done.getInstance()));
  }

  /** Why a fenced JVM shuts down. */
  private static final class WriterFenced implements CoordinatedShutdown.Reason {
    static final WriterFenced INSTANCE = new WriterFenced();

    @Override
    public String toString() {
      return "this writer was fenced";
    }
  }

  /** The journal's tables where missing: the plugin's own DDL on H2, ours (with the NOTIFY trigger) on PostgreSQL. */
  private static void createJournalSchema(ActorSystem<Void> system) throws Exception {
    Config config = system.settings().config();
    if (PersistenceConfig.kind(config) == PersistenceConfig.Kind.POSTGRES) {
      Config db = config.getConfig("pekko-persistence-jdbc.shared-databases.slick.db");
      JournalSchema.createIfMissing(db.getString("url"), db.getString("user"), db.getString("password"));
    } else {
      SchemaUtils.createIfNotExists(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
      Config db = config.getConfig("pekko-persistence-jdbc.shared-databases.slick.db");
      JournalSchema.tuneH2(db.getString("url"), db.getString("user"), db.getString("password"));
    }
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** The bound API port (useful when started with port 0). */
  public int port() {
    return port;
  }

  /** Shuts down through coordinated shutdown and waits for it. */
  @Override
  public void close() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
