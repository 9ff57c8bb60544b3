package dev.orca.chaos.scenario;

import dev.orca.chaos.FaultKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Lays out a scenario's faults as a timeline, by pure code from its seed: the same scenario gives
 * the same timeline, event for event, on any machine (java.util.Random's sequence is specified).
 * Explicit entries are repeated ({@code every}/{@code until}); random ones arrive with exponential
 * gaps, their kinds and durations drawn, slid later while {@code maxConcurrent} faults are in
 * effect or while one more member fault would cost the cluster its majority; a {@code random}
 * member is drawn among those not already impaired. A member fault impairs its member for
 * {@link #MEMBER_AFTERMATH} beyond its end: a frozen or cut-off member is downed when it ends and
 * must be restarted and rejoin, a killed one is restarted — the first soak that ignored this killed
 * a second member while the first was still coming back, and the cluster lost its majority.
 */
public final class Timeline {
  /** How long a member stays impaired after a fault on it ends: downed, restarted, rejoined. */
  public static final Duration MEMBER_AFTERMATH = Duration.ofSeconds(30);

  private Timeline() {}

  /** The timeline; IllegalArgumentException lists what cannot be (e.g. explicit faults that take the majority down). */
  public static List<TimelineEvent> expand(Scenario scenario) {
    List<Draft> drafts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Random explicitRng = new Random(scenario.seed());
    List<String> members = scenario.cluster().memberNames();
    for (int i = 0; i < scenario.faults().size(); i++) {
      ScheduledFault f = scenario.faults().get(i);
      String origin = "faults[" + i + "]";
      for (Duration at = f.at(); ; at = at.plus(f.every())) {
        TargetSelector target = f.target();
        if (f.kind().impairsMembers() && target.mode() == TargetSelector.Mode.RANDOM) {
          List<String> free = freeMembers(members, drafts, at, f.kind());
          target = target.named(free.isEmpty() ? members.get(explicitRng.nextInt(members.size()))
              : free.get(explicitRng.nextInt(free.size())));
        }
        drafts.add(new Draft(at, f.kind(), target, f.duration(), explicitRng.nextLong(), origin));
        if (f.every() == null || at.plus(f.every()).compareTo(f.until()) >= 0) {
          break;
        }
      }
    }
    if (!scenario.allowMajorityLoss()) {
      for (Draft d : drafts) {
        if (d.kind.impairsMembers() && impairedWith(drafts, d) > scenario.cluster().tolerableLosses()) {
          problems.add(d.origin + ": at " + dev.orca.chaos.Durations.format(d.at) + " more than "
              + scenario.cluster().tolerableLosses() + " of " + members.size()
              + " members would be lost at once, and the cluster with its majority (allowMajorityLoss: true if meant)");
          break;
        }
      }
    }
    scenario.random().ifPresent(r -> drawRandom(scenario, r, drafts));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    List<Draft> sorted = new ArrayList<>(drafts);
    sorted.sort(Comparator.comparing((Draft d) -> d.at));
    List<TimelineEvent> events = new ArrayList<>();
    for (Draft d : sorted) {
      events.add(new TimelineEvent(events.size(), d.at, d.kind, d.target, d.duration, d.seed, d.origin));
    }
    return List.copyOf(events);
  }

  private static void drawRandom(Scenario scenario, RandomFaults r, List<Draft> drafts) {
    Random rng = new Random(scenario.seed() * 0x9E3779B97F4A7C15L + 1);
    List<FaultKind> kinds = r.kinds().keySet().stream().sorted().toList();
    int totalWeight = kinds.stream().mapToInt(k -> r.kinds().get(k)).sum();
    List<String> members = scenario.cluster().memberNames();
    int tolerable = scenario.allowMajorityLoss() ? members.size() : scenario.cluster().tolerableLosses();
    Duration t = r.start();
    while (true) {
      double u = rng.nextDouble();
      t = t.plusMillis(Math.round(-Math.log(1 - u) * r.meanInterval().toMillis()));
      FaultKind kind = pick(kinds, r.kinds(), totalWeight, rng.nextInt(totalWeight));
      Duration duration = Duration.ZERO;
      if (kind.lasting()) {
        long spread = r.maxDuration().minus(r.minDuration()).toMillis();
        duration = r.minDuration().plusMillis(Math.round(rng.nextDouble() * spread / 100.0) * 100);
      }
      long seed = rng.nextLong();
      int memberDraw = rng.nextInt(Integer.MAX_VALUE);
      // slide past what is in effect until the fault fits
      while (t.compareTo(r.end()) < 0) {
        Duration at = t;
        List<Draft> active = drafts.stream().filter(d -> d.activeAt(at)).toList();
        boolean tooMany = kind.lasting() && active.size() >= r.maxConcurrent();
        boolean majority = kind.impairsMembers() && impairedAt(drafts, at) + 1 > tolerable;
        if (!tooMany && !majority) {
          break;
        }
        List<Duration> next = new ArrayList<>();
        if (tooMany) {
          active.forEach(d -> next.add(d.end()));
        }
        if (majority) {
          drafts.stream().filter(d -> d.impairingAt(at)).forEach(d -> next.add(d.impairedUntil()));
        }
        t = next.stream().min(Comparator.naturalOrder()).orElse(r.end());
      }
      if (t.compareTo(r.end()) >= 0) {
        return;
      }
      if (t.plus(duration).compareTo(r.end()) > 0) {
        duration = r.end().minus(t);
        if (duration.compareTo(r.minDuration()) < 0) {
          return;
        }
      }
      TargetSelector target = TargetSelector.parse(kind, "", List.of());
      if (kind.impairsMembers()) {
        List<String> free = freeMembers(members, drafts, t, kind);
        target = target.named(free.get(memberDraw % free.size()));
      }
      drafts.add(new Draft(t, kind, target, duration, seed, "random"));
    }
  }

  private static FaultKind pick(List<FaultKind> kinds, Map<FaultKind, Integer> weights, int total, int draw) {
    int acc = 0;
    for (FaultKind k : kinds) {
      acc += weights.get(k);
      if (draw < acc) {
        return k;
      }
    }
    return kinds.get(kinds.size() - 1);
  }

  /** Members not impaired at {@code at} (and not the far side of a partition in effect). */
  private static List<String> freeMembers(List<String> members, List<Draft> drafts, Duration at, FaultKind kind) {
    Set<String> busy = new HashSet<>();
    for (Draft d : drafts) {
      if (d.impairingAt(at) && d.target.name() != null) {
        busy.add(d.target.name());
      }
    }
    List<String> free = members.stream().filter(m -> !busy.contains(m)).toList();
    return free.isEmpty() ? members : free;
  }

  /** How many members are impaired at {@code at}: named ones once each, coordinator/most-shards one each. */
  private static int impairedAt(List<Draft> drafts, Duration at) {
    Set<String> named = new HashSet<>();
    int dynamic = 0;
    for (Draft d : drafts) {
      if (d.impairingAt(at)) {
        if (d.target.mode() == TargetSelector.Mode.NAMED) {
          named.add(d.target.name());
        } else {
          dynamic++;
        }
      }
    }
    return named.size() + dynamic;
  }

  /** How many members are impaired while {@code d} is in effect, at its worst moment (some fault's start). */
  private static int impairedWith(List<Draft> drafts, Draft d) {
    int worst = 0;
    for (Draft other : drafts) {
      Duration at = other.at.compareTo(d.at) < 0 ? d.at : other.at;
      if (d.impairingAt(at)) {
        worst = Math.max(worst, impairedAt(drafts, at));
      }
    }
    return worst;
  }

  private record Draft(Duration at, FaultKind kind, TargetSelector target, Duration duration, long seed, String origin) {
    Duration end() {
      return at.plus(duration);
    }

    /** In effect at {@code t}: lasting, started, not ended. */
    boolean activeAt(Duration t) {
      return !duration.isZero() && at.compareTo(t) <= 0 && end().compareTo(t) > 0;
    }

    /** Until when its member is impaired: its end plus the aftermath. */
    Duration impairedUntil() {
      return end().plus(MEMBER_AFTERMATH);
    }

    /** A member fault whose member is impaired at {@code t}: started, not yet back. */
    boolean impairingAt(Duration t) {
      return kind.impairsMembers() && !duration.isZero() && at.compareTo(t) <= 0 && impairedUntil().compareTo(t) > 0;
    }
  }
}
