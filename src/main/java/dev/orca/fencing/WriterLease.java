package dev.orca.fencing;

import com.typesafe.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's right to write, and the fencer of writers the cluster has lost.
 *
 * <p><b>The lease.</b> The JVM registers in table orca_writer under its writer name (the
 * application_name of its journal connections) and renews a lease of {@code lease-ttl} every
 * {@code renew-interval} from a thread of its own. It counts the lease as held until
 * {@code lease-ttl - safety-margin} after the last successful renewal was <em>sent</em>, by the
 * monotonic clock: a JVM that was frozen sees its lease lapsed the moment it wakes, before it has
 * handled anything, and {@link #valid()} turns false for every entity and singleton
 * ({@link CommandGate}, {@link SingletonGate}). A renewal that finds the writer fenced ends the
 * lease for good and shuts the JVM down.
 *
 * <p><b>The fencer.</b> Before the shard coordinator places a shard ({@link FencedAllocation}) it
 * waits for {@link #settled()}: every writer the cluster has lost has been fenced in the
 * database (the journal's trigger then refuses its writes), its sessions ended and its in-flight
 * transactions waited out, and its lease has run out — so whatever it had was over before the
 * shard starts anywhere else. The check runs on its own thread whenever membership changes, and
 * is cached until it changes again: a steady cluster places shards without touching the database.
 */
public final class WriterLease implements Extension {
  private static final Logger log = LoggerFactory.getLogger(WriterLease.class);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final ActorSystem<?> system;
  private final FencingSettings settings;
  private final String url;
  private final String user;
  private final String password;
  private volatile long writerId = -1;
  private volatile long validUntilNanos;
  private volatile long regained;
  private volatile boolean fenced;
  private volatile Runnable onFenced = () -> {};
  private volatile ScheduledExecutorService renewer;
  private volatile ScheduledExecutorService fencer;
  private Connection renewConnection;
  private Connection fenceConnection;

  private final AtomicLong generation = new AtomicLong();
  private volatile long settledGeneration = -1;
  private final List<CompletableFuture<Void>> waiters = new ArrayList<>();
  private boolean checkScheduled;
  private final Set<FenceDecision.Incarnation> seenGone = ConcurrentHashMap.newKeySet();

  private WriterLease(ActorSystem<?> system) {
    this.system = system;
    Config config = system.settings().config();
    this.settings = FencingSettings.from(config);
    Config db = config.getConfig("pekko-persistence-jdbc.shared-databases.slick.db");
    this.url = db.getString("url");
    this.user = db.getString("user");
    this.password = db.getString("password");
  }

  public static WriterLease get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  public FencingSettings settings() {
    return settings;
  }

  public boolean enabled() {
    return settings.enabled();
  }

  /** Whether this JVM may act as the owner of its entities and singletons right now. */
  public boolean valid() {
    return !settings.enabled() || (!fenced && System.nanoTime() - validUntilNanos < 0);
  }

  /**
   * How many times this JVM has taken its lease back after it lapsed (the database was out of
   * reach): the entities that refused commands meanwhile stopped, and want waking.
   */
  public long regained() {
    return regained;
  }

  /** The writer name this JVM's journal connections carry ("" when fencing is off). */
  public String writerName() {
    return settings.writerName();
  }

  /** This writer's row id in orca_writer (-1 before registration or when fencing is off). */
  public long writerId() {
    return writerId;
  }

  /**
   * Registers this JVM as a writer and takes its first lease; blocks (boot only). Then renews on
   * a thread of its own and runs {@code onFenced} if it ever finds itself fenced.
   */
  public void start(Runnable onFenced) throws SQLException {
    if (!settings.enabled()) {
      return;
    }
    this.onFenced = onFenced;
    Member self = Cluster.get(system).selfMember();
    String member = system.settings().config().getString("orca.cluster.member");
    renewConnection = connect(settings.leaseTtl());
    long sent = System.nanoTime();
    writerId = WriterTable.register(renewConnection, settings.writerName(), member.isEmpty() ? "solo" : member,
        self.uniqueAddress().address().toString(), self.uniqueAddress().longUid(), settings.leaseTtl());
    validUntilNanos = sent + settings.localValidity().toNanos();
    log.info("Writer {} (id {}) registered for member {}: lease {}, renewed every {}", settings.writerName(), writerId,
        self.uniqueAddress(), settings.leaseTtl(), settings.renewInterval());
    renewer = Executors.newSingleThreadScheduledExecutor(daemon("orca-writer-lease"));
    fencer = Executors.newSingleThreadScheduledExecutor(daemon("orca-fencer"));
    long every = settings.renewInterval().toMillis();
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    requestCheck(0);
  }

  private void renew() {
    try {
      if (renewConnection == null) {
        renewConnection = connect(settings.leaseTtl());
      }
      long sent = System.nanoTime();
      if (WriterTable.renew(renewConnection, writerId, settings.leaseTtl())) {
        if (!fenced) {
          boolean lapsed = !valid();
          validUntilNanos = sent + settings.localValidity().toNanos();
          if (lapsed) {
            regained++;
            log.info("Writer {} holds its lease again after a lapse", settings.writerName());
          }
        }
      } else if (!fenced) {
        fenced = true;
        log.error("Writer {} was fenced: the cluster has given this member's entities to others. Shutting down.",
            settings.writerName());
        onFenced.run();
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("Could not renew the write lease of {}: {}", settings.writerName(), e.getMessage());
      closeQuietly(renewConnection);
      renewConnection = null;
    }
  }

  /** This JVM has learned it is out (downed): it stops acting at once, before any renewal. */
  public void invalidate(String why) {
    if (settings.enabled() && !fenced) {
      fenced = true;
      log.warn("Write lease of {} given up: {}", settings.writerName(), why);
    }
  }

  // ---- the fencer ----------------------------------------------------------------------------

  /** A member left, was downed, removed or became unreachable: the next placement checks again. */
  public void membershipChanged(ClusterEvent.MemberEvent event) {
    if (!settings.enabled()) {
      return;
    }
    if (event instanceof ClusterEvent.MemberDowned || event instanceof ClusterEvent.MemberRemoved) {
      UniqueAddress who = event.member().uniqueAddress();
      seenGone.add(new FenceDecision.Incarnation(who.address().toString(), who.longUid()));
    }
    generation.incrementAndGet();
    requestCheck(0);
  }

  /** Another member became unreachable or reachable again. */
  public void reachabilityChanged() {
    if (settings.enabled()) {
      generation.incrementAndGet();
      requestCheck(0);
    }
  }

  /**
   * Completes once no writer the cluster has lost can still write: at once when nothing changed
   * since the last check; fails after {@code settle-timeout} (the database is down).
   */
  public CompletionStage<Void> settled() {
    if (!settings.enabled() || settledGeneration == generation.get()) {
      return DONE;
    }
    CompletableFuture<Void> waiter = new CompletableFuture<>();
    synchronized (waiters) {
      waiters.add(waiter);
    }
    requestCheck(0);
    return waiter.orTimeout(settings.settleTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void requestCheck(long delayMillis) {
    synchronized (waiters) {
      if (checkScheduled || fencer == null) {
        return;
      }
      checkScheduled = true;
    }
    fencer.schedule(this::check, delayMillis, TimeUnit.MILLISECONDS);
  }

  private void check() {
    synchronized (waiters) {
      checkScheduled = false;
    }
    long gen = generation.get();
    long next;
    if (!valid() || Cluster.get(system).selfMember().status() != MemberStatus.up()) {
      // a member that is out, frozen until a moment ago, or not yet up does not judge the others:
      // its view of the cluster may be the stale one
      requestCheck(500);
      return;
    }
    try {
      if (fenceConnection == null) {
        fenceConnection = connect(settings.settleTimeout());
      }
      next = fenceOnce();
      if (next == 0) {
        settledGeneration = gen;
        if (gen == generation.get()) {
          List<CompletableFuture<Void>> done;
          synchronized (waiters) {
            done = new ArrayList<>(waiters);
            waiters.clear();
          }
          done.forEach(w -> w.complete(null));
          return;
        }
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("Fencing check failed, retrying: {}", e.getMessage());
      closeQuietly(fenceConnection);
      fenceConnection = null;
      next = 500;
    }
    synchronized (waiters) {
      waiters.removeIf(CompletableFuture::isDone);
    }
    requestCheck(next);
  }

  /** One pass: fences and flushes what the decision says; 0 when settled, else when to look again. */
  private long fenceOnce() throws SQLException {
    List<FenceDecision.Writer> writers = WriterTable.unsettled(fenceConnection, writerId);
    Membership view = Membership.of(Cluster.get(system).state(), seenGone);
    FenceDecision.Decision d = FenceDecision.decide(writers, view::live, view::gone);
    for (int i = 0; i < d.fence().size(); i++) {
      FenceDecision.Writer w = d.fence().get(i);
      WriterTable.fence(fenceConnection, w.id(), d.reasons().get(i));
      log.warn("Fenced writer {} of member {} ({}): its writes are refused from now on", w.name(), w.member(),
          d.reasons().get(i));
    }
    for (FenceDecision.Writer w : d.flush()) {
      int ended = WriterTable.flush(fenceConnection, w, true, settings.flushLockTimeout());
      log.info("Flushed fenced writer {}: {} session(s) ended, no transaction of it is in flight", w.name(), ended);
    }
    if (!d.fence().isEmpty() || !d.flush().isEmpty()) {
      return 1;
    }
    return Math.max(0, Math.min(d.waitMillis(), 250));
  }

  /** Gives the lease up on the way out, so nobody waits for it to run out. */
  public void release() {
    if (!settings.enabled() || writerId < 0) {
      return;
    }
    fenced = true;
    renewer.shutdownNow();
    fencer.shutdownNow();
    try (Connection c = connect(settings.flushLockTimeout().plusSeconds(2))) {
      WriterTable.release(c, new FenceDecision.Writer(writerId, settings.writerName(), "", "", 0, false, false, 0),
          settings.flushLockTimeout());
      WriterTable.prune(c, Duration.ofDays(7));
      log.info("Writer {} released its lease", settings.writerName());
    } catch (SQLException e) {
      log.warn("Could not release the write lease of {} (it runs out in {} anyway): {}", settings.writerName(),
          settings.leaseTtl(), e.getMessage());
    } finally {
      closeQuietly(renewConnection);
      closeQuietly(fenceConnection);
    }
  }

  private Connection connect(Duration socketTimeout) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "2");
    props.setProperty("socketTimeout", String.valueOf(Math.max(1, socketTimeout.toSeconds() + 1)));
    return DriverManager.getConnection(url, props);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing a broken connection
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Which incarnations this member sees as live members, and which as lost. */
  private record Membership(Set<FenceDecision.Incarnation> live, Set<FenceDecision.Incarnation> gone) {
    static Membership of(ClusterEvent.CurrentClusterState state, Set<FenceDecision.Incarnation> seenGone) {
      Set<FenceDecision.Incarnation> live = new java.util.HashSet<>();
      Set<FenceDecision.Incarnation> gone = new java.util.HashSet<>(seenGone);
      for (Member m : state.getMembers()) {
        FenceDecision.Incarnation who = new FenceDecision.Incarnation(m.uniqueAddress().address().toString(),
            m.uniqueAddress().longUid());
        if (m.status() == MemberStatus.down() || m.status() == MemberStatus.removed()) {
          gone.add(who);
        } else {
          live.add(who);
        }
      }
      live.removeAll(gone);
      return new Membership(live, gone);
    }

    boolean live(FenceDecision.Incarnation who) {
      return live.contains(who);
    }

    boolean gone(FenceDecision.Incarnation who) {
      return gone.contains(who);
    }
  }

  private static final class Id extends ExtensionId<WriterLease> {
    static final Id INSTANCE = new Id();

    @Override
    public WriterLease createExtension(ActorSystem<?> system) {
      return new WriterLease(system);
    }
  }
}
