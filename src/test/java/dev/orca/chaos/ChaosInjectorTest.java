package dev.orca.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The injector's bookkeeping against recorded effects, a hand-driven clock and scheduler. */
class ChaosInjectorTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final List<String> effects = new ArrayList<>();
  private final List<Scheduled> scheduled = new ArrayList<>();

  private record Scheduled(Instant at, Runnable task) {}

  private final ChaosEffects recording = new ChaosEffects() {
    @Override
    public CompletionStage<Boolean> heartbeats(String node, boolean on) {
      effects.add("heartbeats " + node + " " + (on ? "on" : "off"));
      return CompletableFuture.completedFuture(!node.equals("missing"));
    }

    @Override
    public CompletionStage<Boolean> agent(String node, boolean running) {
      effects.add("agent " + node + " " + (running ? "start" : "stop"));
      return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletionStage<Boolean> partition(String peer, boolean cut) {
      effects.add("partition " + peer + " " + (cut ? "cut" : "heal"));
      return CompletableFuture.completedFuture(true);
    }
  };

  private final ChaosInjector injector = new ChaosInjector(recording,
      (delay, task) -> scheduled.add(new Scheduled(now.plus(delay), task)), new Clock() {
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        public Instant instant() {
          return now;
        }
      });

  /** Moves the clock to {@code t} seconds, running what was scheduled until then in order. */
  private void advanceTo(long seconds) {
    Instant target = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seconds);
    while (true) {
      Scheduled next = scheduled.stream().filter(s -> !s.at().isAfter(target)).min(Comparator.comparing(Scheduled::at))
          .orElse(null);
      if (next == null) {
        break;
      }
      scheduled.remove(next);
      now = next.at();
      next.task().run();
    }
    now = target;
  }

  private static Fault heartbeats(String node, long seconds) {
    return new Fault(FaultKind.STOP_HEARTBEATS, new FaultTarget.Node(node), Duration.ofSeconds(seconds));
  }

  @Test
  void aLastingFaultIsAppliedThenHealedByItself() {
    List<ActiveFaults.Active> active = injector.inject(heartbeats("n1", 10)).toCompletableFuture().join();
    assertEquals(1, active.size());
    assertEquals(List.of("heartbeats n1 off"), effects);
    advanceTo(9);
    assertEquals(1, injector.list().size());
    advanceTo(10);
    assertEquals(List.of("heartbeats n1 off", "heartbeats n1 on"), effects);
    assertTrue(injector.list().isEmpty());
  }

  @Test
  void anOverlappingFaultExtendsTheFirstAndItIsHealedOnceWhenTheLastEnds() {
    String id = injector.inject(heartbeats("n1", 10)).toCompletableFuture().join().get(0).id();
    advanceTo(5);
    assertEquals(id, injector.inject(heartbeats("n1", 10)).toCompletableFuture().join().get(0).id(), "the same fault, extended");
    advanceTo(10);
    assertEquals(List.of("heartbeats n1 off"), effects, "not healed by the first one's schedule");
    advanceTo(15);
    assertEquals(List.of("heartbeats n1 off", "heartbeats n1 on"), effects);
    advanceTo(60);
    assertEquals(2, effects.size(), "healed once");
  }

  @Test
  void aShorterOverlappingFaultDoesNotShortenTheFirst() {
    injector.inject(heartbeats("n1", 30)).toCompletableFuture().join();
    advanceTo(5);
    injector.inject(heartbeats("n1", 5)).toCompletableFuture().join();
    advanceTo(29);
    assertEquals(1, effects.size());
    advanceTo(30);
    assertEquals("heartbeats n1 on", effects.get(1));
  }

  @Test
  void aPartitionFromSeveralPeersIsOneFaultPerPeer() {
    injector.inject(new Fault(FaultKind.PARTITION, new FaultTarget.Members(List.of("a:1", "b:2")), Duration.ofSeconds(10)))
        .toCompletableFuture().join();
    advanceTo(4);
    injector.inject(new Fault(FaultKind.PARTITION, new FaultTarget.Members(List.of("b:2")), Duration.ofSeconds(10)))
        .toCompletableFuture().join();
    advanceTo(10);
    assertEquals(List.of("partition a:1 cut", "partition b:2 cut", "partition a:1 heal"), effects);
    advanceTo(14);
    assertEquals("partition b:2 heal", effects.get(3));
  }

  @Test
  void anEarlyHealEndsItNowAndTheScheduledHealThenDoesNothing() {
    String id = injector.inject(new Fault(FaultKind.KILL_NODE_AGENT, new FaultTarget.Node("n1"), Duration.ofSeconds(10)))
        .toCompletableFuture().join().get(0).id();
    assertTrue(injector.heal(id).toCompletableFuture().join());
    assertEquals(List.of("agent n1 stop", "agent n1 start"), effects);
    assertTrue(!injector.heal(id).toCompletableFuture().join(), "a second heal finds nothing");
    advanceTo(20);
    assertEquals(2, effects.size());
  }

  @Test
  void aMissingTargetFailsAndLeavesNothingInEffect() {
    CompletionException e = assertThrows(CompletionException.class,
        () -> injector.inject(heartbeats("missing", 10)).toCompletableFuture().join());
    assertInstanceOf(FaultTargetNotFound.class, e.getCause());
    assertTrue(injector.list().isEmpty());
    assertTrue(scheduled.isEmpty());
  }

  @Test
  void instantAndProcessFaultsAreNotItsBusiness() {
    assertThrows(IllegalArgumentException.class, () -> injector.inject(
        new Fault(FaultKind.KILL_JVM, new FaultTarget.Member("orca-1"), Duration.ofSeconds(1))));
    assertThrows(IllegalArgumentException.class, () -> injector.inject(
        new Fault(FaultKind.DELETE_POD, new FaultTarget.Pod("d", "p", null), Duration.ZERO)));
  }
}
