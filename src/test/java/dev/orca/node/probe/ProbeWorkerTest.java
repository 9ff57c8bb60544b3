package dev.orca.node.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import dev.orca.model.HTTPGetAction;
import dev.orca.model.IntOrString;
import dev.orca.model.Probe;
import dev.orca.node.probe.ProbeWorker.BeginProbing;
import dev.orca.node.probe.ProbeWorker.ProbeFailed;
import dev.orca.node.probe.ProbeWorker.ReadinessChanged;
import dev.orca.node.probe.ProbeWorker.Report;
import dev.orca.node.probe.ProbeWorker.RestartRequired;
import dev.orca.node.probe.ProbeWorker.Spec;
import dev.orca.node.probe.ProbeWorker.StartupSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Probe workers against a real HTTP server whose health the test flips; a probe second lasts 100 ms. */
class ProbeWorkerTest {

  private static final ProbeTiming TIMING = ProbeTiming.scaled(Duration.ofMillis(100));
  private static final Duration PERIOD = TIMING.seconds(1);
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private static ActorTestKit testKit;
  private static HealthServer server;
  private static Probers probers;
  private static ProbeTarget target;

  @BeforeAll
  static void start() throws Exception {
    testKit = ActorTestKit.create("ProbeWorkerTest", ConfigFactory.parseString("pekko.actor.provider = local"));
    server = new HealthServer();
    probers = Probers.create(TIMING);
    target = ProbeTarget.of("127.0.0.1");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
    server.close();
    probers.shutdown();
  }

  /**
   * An HTTP GET of {@code path} every probe second; the timeout of five leaves room for a cold JVM's
   * first request on a busy machine.
   */
  private static Probe httpGet(String path, int successThreshold, int failureThreshold) {
    return new Probe(null, new HTTPGetAction(path, IntOrString.of(server.port()), null, "HTTP"), null, 0, 1, 5,
        successThreshold, failureThreshold);
  }

  private static ActorRef<ProbeWorker.Command> worker(ProbeKind kind, Probe probe, boolean awaitsStartup,
      TestProbe<Report> parent) {
    return testKit.spawn(ProbeWorker.create(new Spec("web", kind, probe, target, Instant.now(), awaitsStartup),
        probers, TIMING, parent.ref()));
  }

  /** Receives reports until one of {@code type}, within the deadline; keeps every report in {@code seen}. */
  private static <T extends Report> T awaitReport(TestProbe<Report> parent, Class<T> type, List<Report> seen) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("no " + type.getSimpleName() + " within " + DEADLINE + "; got " + seen);
      }
      Report report = parent.receiveMessage(Duration.ofNanos(left));
      seen.add(report);
      if (type.isInstance(report)) {
        return type.cast(report);
      }
    }
  }

  private static void awaitHits(TestProbe<Report> parent, String path, int atLeast) {
    parent.awaitAssert(DEADLINE, () -> {
      assertTrue(server.hits(path) >= atLeast, path + " was probed " + server.hits(path) + " times");
      return null;
    });
  }

  @Test
  void readinessTurnsTrueThenFalseThenTrueAsTheEndpointDoes() {
    server.respond("/ready", 200);
    TestProbe<Report> parent = testKit.createTestProbe();
    List<Report> seen = new ArrayList<>();
    ActorRef<ProbeWorker.Command> worker = worker(ProbeKind.READINESS, httpGet("/ready", 1, 2), false, parent);

    assertEquals(new ReadinessChanged("web", true, ""), awaitReport(parent, ReadinessChanged.class, seen));

    seen.clear();
    server.respond("/ready", 500);
    assertEquals(new ReadinessChanged("web", false, "HTTP probe failed with statuscode: 500"),
        awaitReport(parent, ReadinessChanged.class, seen));
    long failures = seen.stream().filter(ProbeFailed.class::isInstance).count();
    assertEquals(2, failures, "readiness turned false after failureThreshold failures: " + seen);

    server.respond("/ready", 200);
    assertEquals(new ReadinessChanged("web", true, ""), awaitReport(parent, ReadinessChanged.class, seen));

    worker.tell(new ProbeWorker.Stop());
    parent.expectTerminated(worker, DEADLINE);
  }

  @Test
  void aFailingLivenessProbeAsksForARestartAfterFailureThresholdPeriods() {
    server.respond("/live", 200);
    TestProbe<Report> parent = testKit.createTestProbe();
    List<Report> seen = new ArrayList<>();
    ActorRef<ProbeWorker.Command> worker = worker(ProbeKind.LIVENESS, httpGet("/live", 1, 3), false, parent);
    awaitHits(parent, "/live", 2);

    long flipped = System.nanoTime();
    server.respond("/live", 500);
    RestartRequired restart = awaitReport(parent, RestartRequired.class, seen);
    Duration took = Duration.ofNanos(System.nanoTime() - flipped);

    assertEquals(new RestartRequired("web", ProbeKind.LIVENESS,
        "Liveness probe failed: HTTP probe failed with statuscode: 500"), restart);
    ProbeFailed failed = new ProbeFailed("web", ProbeKind.LIVENESS,
        "Liveness probe failed: HTTP probe failed with statuscode: 500");
    assertEquals(List.of(failed, failed, failed, restart), seen.subList(Math.max(0, seen.size() - 4), seen.size()),
        "three failures, then the restart: " + seen);
    assertEquals(3, seen.stream().filter(failed::equals).count(), seen.toString());
    assertTrue(took.compareTo(PERIOD.multipliedBy(2)) >= 0,
        "three failures one period apart take at least two periods, not " + took);

    // on hold: the container is to be restarted, nothing more is probed
    int hits = server.hits("/live");
    parent.expectNoMessage(PERIOD.multipliedBy(3));
    assertEquals(hits, server.hits("/live"));
    testKit.stop(worker);
  }

  @Test
  void livenessAndReadinessWaitForTheStartupProbe() {
    server.respond("/started", 500);
    server.respond("/gated-ready", 200);
    server.respond("/gated-live", 200);
    TestProbe<Report> parent = testKit.createTestProbe();
    List<Report> seen = new ArrayList<>();
    ActorRef<ProbeWorker.Command> startup = worker(ProbeKind.STARTUP, httpGet("/started", 1, 30), true, parent);
    ActorRef<ProbeWorker.Command> readiness = worker(ProbeKind.READINESS, httpGet("/gated-ready", 1, 3), true, parent);
    ActorRef<ProbeWorker.Command> liveness = worker(ProbeKind.LIVENESS, httpGet("/gated-live", 1, 1), true, parent);

    awaitHits(parent, "/started", 2);
    server.respond("/started", 200);
    assertEquals(new StartupSucceeded("web"), awaitReport(parent, StartupSucceeded.class, seen));
    assertEquals(0, server.hits("/gated-ready"), "readiness probed before the container started");
    assertEquals(0, server.hits("/gated-live"), "liveness probed before the container started");
    assertTrue(seen.stream().allMatch(r -> r.kind() == ProbeKind.STARTUP), seen.toString());
    assertFalse(seen.stream().anyMatch(ReadinessChanged.class::isInstance));

    readiness.tell(new BeginProbing());
    liveness.tell(new BeginProbing());
    assertEquals(new ReadinessChanged("web", true, ""), awaitReport(parent, ReadinessChanged.class, seen));
    awaitHits(parent, "/gated-live", 1);

    // the startup probe is done: it probes no more
    int startupHits = server.hits("/started");
    parent.expectNoMessage(PERIOD.multipliedBy(3));
    assertEquals(startupHits, server.hits("/started"));
    testKit.stop(startup);
    testKit.stop(readiness);
    testKit.stop(liveness);
  }

  @Test
  void aProbeThatCannotRunIsReportedButChangesNothing() {
    TestProbe<Report> parent = testKit.createTestProbe();
    List<Report> seen = new ArrayList<>();
    Probe namedPort = new Probe(null, new HTTPGetAction("/", IntOrString.of("admin"), null, "HTTP"), null, 0, 1, 1,
        1, 1);
    ActorRef<ProbeWorker.Command> worker = worker(ProbeKind.LIVENESS, namedPort, false, parent);
    assertEquals(new ProbeFailed("web", ProbeKind.LIVENESS, "Liveness probe errored: port admin not found"),
        awaitReport(parent, ProbeFailed.class, seen));
    assertEquals(new ProbeFailed("web", ProbeKind.LIVENESS, "Liveness probe errored: port admin not found"),
        awaitReport(parent, ProbeFailed.class, seen));
    assertFalse(seen.stream().anyMatch(RestartRequired.class::isInstance), seen.toString());
    testKit.stop(worker);
  }
}
