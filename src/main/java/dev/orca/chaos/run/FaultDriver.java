package dev.orca.chaos.run;

import dev.orca.chaos.Durations;
import dev.orca.chaos.Fault;
import dev.orca.chaos.FaultClient;
import dev.orca.chaos.FaultKind;
import dev.orca.chaos.FaultTarget;
import dev.orca.chaos.scenario.TargetResolver;
import dev.orca.chaos.scenario.TimelineEvent;
import dev.orca.cluster.ClusterCommand;
import dev.orca.cluster.MemberFiles;
import dev.orca.cluster.Postgres;
import dev.orca.cluster.Signals;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Injects a run's timeline on schedule: each fault, when it comes due, gets its target from what
 * the cluster shows then ({@link TargetResolver}), and goes to the members' {@code /chaos/v1}
 * endpoints (which heal it themselves) or, for process faults, is done here and undone after its
 * duration — a killed member restarted ({@code orca cluster restart}), a frozen JVM or database
 * thawed. {@link #close} undoes whatever is still in effect, so no run leaves a frozen process behind.
 * And it supervises the members as systemd or a kubelet would a JVM with {@code restart: always}: a
 * member that exited by itself (the split-brain resolver downed it while it was frozen or cut off,
 * and it shut down) is started again.
 */
final class FaultDriver implements AutoCloseable {
  /** How often a fault is tried before it counts as not injected. */
  static final int ATTEMPTS = 3;

  private final MemberFiles files;
  private final ClusterWatch watch;
  private final Consumer<String> log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(4, r -> {
    Thread t = new Thread(r, "chaos-faults");
    t.setDaemon(true);
    return t;
  });
  private final List<FaultWindow> windows = Collections.synchronizedList(new ArrayList<>());
  /** Undo actions of process faults still in effect, by fault seq. */
  private final ConcurrentHashMap<Integer, Runnable> undo = new ConcurrentHashMap<>();
  /** Members the run killed and restarts itself when the fault ends. */
  private final java.util.Set<String> killed = ConcurrentHashMap.newKeySet();

  FaultDriver(MemberFiles files, ClusterWatch watch, Consumer<String> log) {
    this.files = files;
    this.watch = watch;
    this.log = log;
  }

  /** Schedules every event relative to now (the fault phase's start), and starts supervising. */
  void schedule(List<TimelineEvent> events) {
    for (TimelineEvent e : events) {
      timer.schedule(() -> inject(e, 1), e.at().toMillis(), TimeUnit.MILLISECONDS);
    }
    timer.scheduleWithFixedDelay(this::supervise, 3, 3, TimeUnit.SECONDS);
  }

  /** Members down that the run did not kill: exited by themselves, so started again. */
  private void supervise() {
    for (var m : files.members()) {
      if (files.process(m.name()).isEmpty() && !killed.contains(m.name())) {
        log.accept(m.name() + " exited by itself: restarting it (as a supervisor would)");
        restart(m.name());
      }
    }
  }

  List<FaultWindow> windows() {
    synchronized (windows) {
      return List.copyOf(windows);
    }
  }

  /** The faults in effect at {@code at} (seconds into the phase), described. */
  List<String> inEffect(double at) {
    return windows().stream().filter(w -> w.injected() && w.start() <= at && at <= Math.max(w.end(), w.start() + 1))
        .map(w -> w.kind() + " " + w.target()).toList();
  }

  /**
   * Injects {@code e} aimed at the cluster as it is now; a failed attempt (the member picked went
   * away, its endpoint did not answer) is tried again a second later, with the facts then, up to
   * {@link #ATTEMPTS} times, before the fault is recorded as not injected.
   */
  private void inject(TimelineEvent e, int attempt) {
    double start = watch.now();
    try {
      List<TargetResolver.Injection> injections = TargetResolver.resolve(e, watch.facts());
      String target = injections.stream().map(i -> i.fault().target().text()).distinct().collect(Collectors.joining(" "));
      if (e.kind() == FaultKind.PARTITION) {
        target = injections.get(0).member() + " from " + ((FaultTarget.Members) injections.get(0).fault().target()).names().size();
      }
      for (TargetResolver.Injection i : injections) {
        if (i.member() == null) {
          processFault(e.seq(), i.fault());
        } else {
          endpointFault(i.member(), i.fault());
        }
      }
      double seconds = e.duration().toNanos() / 1e9;
      windows.add(new FaultWindow(e.seq(), e.kind().wireName(), target, start, start + seconds, null));
      log.accept(String.format("fault %d: %s %s%s injected at %.1f s", e.seq(), e.kind().wireName(), target,
          e.duration().isZero() ? "" : " for " + Durations.format(e.duration()), start));
    } catch (Exception ex) {
      String why = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
      if (attempt < ATTEMPTS && !timer.isShutdown()) {
        log.accept("fault " + e.seq() + ": " + e.kind().wireName() + " " + e.target().text() + " attempt " + attempt
            + " failed (" + why + "): trying again in 1 s");
        timer.schedule(() -> inject(e, attempt + 1), 1, TimeUnit.SECONDS);
        return;
      }
      windows.add(new FaultWindow(e.seq(), e.kind().wireName(), e.target().text(), start, start, why));
      log.accept("fault " + e.seq() + ": " + e.kind().wireName() + " " + e.target().text() + " not injected: " + why);
    }
  }

  private void endpointFault(String member, Fault fault) throws Exception {
    String api = files.member(member).orElseThrow().apiUrl();
    HttpResponse<String> r = FaultClient.post(http, api, fault);
    if (!FaultClient.accepted(r)) {
      throw new IllegalStateException(member + " refused " + fault.describe() + ": " + r.statusCode() + " " + r.body());
    }
  }

  private void processFault(int seq, Fault fault) throws Exception {
    long millis = fault.duration().toMillis();
    switch (fault.kind()) {
      case KILL_JVM -> {
        String member = ((FaultTarget.Member) fault.target()).name();
        long pid = files.process(member).orElseThrow(() -> new IllegalStateException(member + " is not running")).pid();
        watch.outOfRotation(member);
        watch.stopped(member);
        killed.add(member);
        Signals.send(pid, "KILL");
        later(seq, millis, () -> restart(member));
      }
      case PAUSE_JVM -> {
        String member = ((FaultTarget.Member) fault.target()).name();
        long pid = files.process(member).orElseThrow(() -> new IllegalStateException(member + " is not running")).pid();
        watch.stopped(member);
        List<Long> frozen = Signals.freeze(List.of(pid));
        later(seq, millis, () -> {
          thaw(frozen);
          watch.running(member);
        });
      }
      case PAUSE_DB -> {
        long postmaster = Postgres.findPostmaster(files.dataDir())
            .orElseThrow(() -> new IllegalStateException("no PostgreSQL under " + files.dataDir()));
        List<Long> frozen = Signals.freeze(List.of(postmaster));
        later(seq, millis, () -> thaw(frozen));
      }
      default -> throw new IllegalStateException(fault.kind() + " is not a process fault");
    }
  }

  /** Runs {@code action} after {@code millis}, or at {@link #close} if that comes first; once. */
  private void later(int seq, long millis, Runnable action) {
    Runnable once = new Runnable() {
      private boolean done;

      @Override
      public synchronized void run() {
        if (!done) {
          done = true;
          undo.remove(seq);
          action.run();
        }
      }
    };
    undo.put(seq, once);
    timer.schedule(once, millis, TimeUnit.MILLISECONDS);
  }

  private void restart(String member) {
    watch.outOfRotation(member);
    try {
      ClusterCommand.runChecked("restart", member, "--data-dir", files.dataDir().toString());
      log.accept(member + " restarted");
    } catch (IllegalStateException e) {
      log.accept(member + " did not restart: " + e.getMessage().strip());
    }
    watch.backInRotation(member);
    watch.running(member);
    killed.remove(member);
  }

  private void thaw(List<Long> pids) {
    try {
      Signals.thaw(pids);
    } catch (Exception e) {
      log.accept("SIGCONT to " + pids + " failed: " + e.getMessage());
    }
  }

  /** Whether some process fault is still to be undone. */
  boolean undoing() {
    return !undo.isEmpty();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    new ArrayList<>(undo.values()).forEach(Runnable::run);
  }
}
