package dev.orca.chaos.scenario;

import dev.orca.chaos.Fault;
import dev.orca.chaos.FaultKind;
import dev.orca.chaos.FaultTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Turns a timeline event into the concrete faults to inject, from what the cluster shows when it
 * comes due and the event's seed (pure: the same facts give the same choice). Each
 * {@link Injection} says where it goes: a member's {@code /chaos/v1} endpoint, or the CLI's process
 * faults ({@code member} null). A partition is injected on both sides.
 */
public final class TargetResolver {
  private TargetResolver() {}

  /** A fault and the member whose endpoint takes it (null: a process fault, for the CLI). */
  public record Injection(String member, Fault fault) {}

  /** The injections; IllegalStateException when nothing in the cluster fits (no such member, no pods). */
  public static List<Injection> resolve(TimelineEvent e, ClusterFacts facts) {
    Random rng = new Random(e.seed());
    TargetSelector t = e.target();
    return switch (e.kind().target()) {
      case DATABASE -> List.of(new Injection(null, new Fault(e.kind(), new FaultTarget.Database(), e.duration())));
      case MEMBER -> List.of(new Injection(null,
          new Fault(e.kind(), new FaultTarget.Member(member(t, facts, rng).name()), e.duration())));
      case MEMBERS -> partition(e, facts, rng);
      case NODE -> {
        // a random node is drawn among those whose member is Up: a fault sent to a member that is
        // down (killed a moment ago) cannot be injected (the first soak lost one fault that way)
        java.util.Set<String> up = upMembers(facts);
        List<String> nodes = facts.nodeOwners().entrySet().stream().filter(n -> up.contains(n.getValue()))
            .map(java.util.Map.Entry::getKey).sorted().toList();
        String node = t.mode() == TargetSelector.Mode.NAMED ? t.name() : pick(nodes, rng, "no node to aim at");
        String owner = facts.nodeOwners().get(node);
        if (owner == null) {
          throw new IllegalStateException("no member runs node " + node);
        }
        yield List.of(new Injection(owner, new Fault(e.kind(), new FaultTarget.Node(node), e.duration())));
      }
      case POD -> pods(e, facts, rng);
    };
  }

  private static List<Injection> partition(TimelineEvent e, ClusterFacts facts, Random rng) {
    ClusterFacts.Member isolated = member(e.target(), facts, rng);
    List<ClusterFacts.Member> others = facts.members().stream()
        .filter(m -> !m.name().equals(isolated.name()) && m.up())
        .filter(m -> e.target().from().isEmpty() || e.target().from().contains(m.name()))
        .toList();
    if (others.isEmpty()) {
      throw new IllegalStateException("no member Up to cut " + isolated.name() + " off from");
    }
    List<Injection> out = new ArrayList<>();
    out.add(new Injection(isolated.name(), new Fault(FaultKind.PARTITION,
        new FaultTarget.Members(others.stream().map(ClusterFacts.Member::address).toList()), e.duration())));
    for (ClusterFacts.Member other : others) {
      out.add(new Injection(other.name(), new Fault(FaultKind.PARTITION,
          new FaultTarget.Members(List.of(isolated.address())), e.duration())));
    }
    return out;
  }

  private static List<Injection> pods(TimelineEvent e, ClusterFacts facts, Random rng) {
    TargetSelector t = e.target();
    List<ClusterFacts.PodRef> pods = new ArrayList<>(facts.pods());
    pods.sort(Comparator.comparing(ClusterFacts.PodRef::namespace).thenComparing(ClusterFacts.PodRef::name));
    List<ClusterFacts.PodRef> chosen;
    if (t.mode() == TargetSelector.Mode.NAMED) {
      chosen = pods.stream().filter(p -> (p.namespace() + "/" + p.name()).equals(t.name())).toList();
      if (chosen.isEmpty()) {
        throw new IllegalStateException("no pod " + t.name());
      }
    } else {
      // drawn among pods on nodes of members that are Up (or not bound yet): a fault sent to a member
      // that is down cannot be injected
      java.util.Set<String> up = upMembers(facts);
      pods.removeIf(p -> p.node() != null && !up.contains(facts.nodeOwners().get(p.node())));
      if (pods.isEmpty()) {
        throw new IllegalStateException("no pod to aim at");
      }
      int count = t.mode() == TargetSelector.Mode.PERCENT
          ? (int) Math.max(1, Math.round(pods.size() * t.amount() / 100.0))
          : Math.min(t.amount(), pods.size());
      Collections.shuffle(pods, rng);
      chosen = pods.subList(0, count);
    }
    String fallback = facts.members().stream().filter(ClusterFacts.Member::up).map(ClusterFacts.Member::name).findFirst()
        .orElseThrow(() -> new IllegalStateException("no member is Up"));
    List<Injection> out = new ArrayList<>();
    for (ClusterFacts.PodRef p : chosen) {
      String at = Optional.ofNullable(p.node()).map(facts.nodeOwners()::get).orElse(fallback);
      out.add(new Injection(at, new Fault(e.kind(), new FaultTarget.Pod(p.namespace(), p.name(), null), e.duration())));
    }
    return out;
  }

  private static ClusterFacts.Member member(TargetSelector t, ClusterFacts facts, Random rng) {
    List<ClusterFacts.Member> up = facts.members().stream().filter(ClusterFacts.Member::up)
        .sorted(Comparator.comparing(ClusterFacts.Member::name)).toList();
    return switch (t.mode()) {
      case NAMED -> facts.members().stream().filter(m -> m.name().equals(t.name())).findFirst()
          .orElseThrow(() -> new IllegalStateException("no member " + t.name()));
      case COORDINATOR -> up.stream().filter(ClusterFacts.Member::oldest).findFirst()
          .orElseThrow(() -> new IllegalStateException("no oldest member is Up"));
      case MOST_SHARDS -> up.stream().max(Comparator.comparingInt(ClusterFacts.Member::shards)
              .thenComparing(ClusterFacts.Member::name, Comparator.reverseOrder()))
          .orElseThrow(() -> new IllegalStateException("no member is Up"));
      default -> up.get(rng.nextInt(Math.max(1, up.size())));
    };
  }

  /** The names of the members that are Up: a fault sent to one that is not cannot be injected. */
  private static java.util.Set<String> upMembers(ClusterFacts facts) {
    return facts.members().stream().filter(ClusterFacts.Member::up).map(ClusterFacts.Member::name)
        .collect(java.util.stream.Collectors.toSet());
  }

  private static String pick(List<String> names, Random rng, String none) {
    if (names.isEmpty()) {
      throw new IllegalStateException(none);
    }
    return names.get(rng.nextInt(names.size()));
  }
}
