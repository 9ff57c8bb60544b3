package dev.orca.chaos.scenario;

import dev.orca.chaos.FaultKind;
import java.util.List;

/**
 * What a scheduled fault aims at, before the run knows names: a member by name, or the random one,
 * the coordinator (the oldest member, which hosts the singletons and the shard coordinator) or the
 * one hosting most shards; a node by name or at random; some pods (a count, a percentage, or one
 * by NAMESPACE/NAME); the database. The text forms, by the kind's target:
 * <ul>
 *   <li>member (kill-jvm, pause-jvm) and partition (the member cut off): {@code orca-2},
 *       {@code random}, {@code coordinator}, {@code most-shards};</li>
 *   <li>node (stop-heartbeats, kill-node-agent): {@code random} or a node name;</li>
 *   <li>pods (delete-pod, crash-container): {@code random} (one), {@code 3}, {@code 10%}, or {@code NS/NAME};</li>
 *   <li>database (pause-db): nothing, or {@code db}.</li>
 * </ul>
 * A partition also names the far side ({@code from}); empty means every other member.
 */
public record TargetSelector(FaultKind.TargetType type, Mode mode, String name, int amount, List<String> from) {
  public enum Mode { NAMED, RANDOM, COORDINATOR, MOST_SHARDS, COUNT, PERCENT, DATABASE }

  public TargetSelector {
    from = from == null ? List.of() : List.copyOf(from);
  }

  /** Reads {@code text} as a target of a fault of {@code kind}; IllegalArgumentException says what fits. */
  public static TargetSelector parse(FaultKind kind, String text, List<String> from) {
    FaultKind.TargetType type = kind.target();
    String s = text == null ? "" : text.strip();
    if (!from.isEmpty() && kind != FaultKind.PARTITION) {
      throw new IllegalArgumentException("only a partition has a far side (from)");
    }
    switch (type) {
      case DATABASE -> {
        if (!s.isEmpty() && !s.equals("db")) {
          throw new IllegalArgumentException(kind + " aims at the journal database: leave target out, or say db");
        }
        return new TargetSelector(type, Mode.DATABASE, "db", 0, List.of());
      }
      case MEMBER, MEMBERS -> {
        return switch (s) {
          case "", "random" -> new TargetSelector(type, Mode.RANDOM, null, 0, from);
          case "coordinator" -> new TargetSelector(type, Mode.COORDINATOR, null, 0, from);
          case "most-shards" -> new TargetSelector(type, Mode.MOST_SHARDS, null, 0, from);
          default -> {
            if (!s.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
              throw new IllegalArgumentException("a member target is a member name (orca-2), random, coordinator or most-shards, not '"
                  + s + "'");
            }
            yield new TargetSelector(type, Mode.NAMED, s, 0, from);
          }
        };
      }
      case NODE -> {
        if (s.isEmpty() || s.equals("random")) {
          return new TargetSelector(type, Mode.RANDOM, null, 0, List.of());
        }
        if (!s.matches("[a-z0-9]([-.a-z0-9]*[a-z0-9])?")) {
          throw new IllegalArgumentException("a node target is a node name or random, not '" + s + "'");
        }
        return new TargetSelector(type, Mode.NAMED, s, 0, List.of());
      }
      default -> {
        if (s.isEmpty() || s.equals("random")) {
          return new TargetSelector(type, Mode.COUNT, null, 1, List.of());
        }
        if (s.matches("\\d{1,3}%")) {
          int percent = Integer.parseInt(s.substring(0, s.length() - 1));
          if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("a percentage of pods is 1% to 100%, not " + s);
          }
          return new TargetSelector(type, Mode.PERCENT, null, percent, List.of());
        }
        if (s.matches("\\d{1,6}")) {
          int count = Integer.parseInt(s);
          if (count < 1) {
            throw new IllegalArgumentException("a number of pods is at least 1");
          }
          return new TargetSelector(type, Mode.COUNT, null, count, List.of());
        }
        if (s.matches("[a-z0-9][-a-z0-9]*/[a-z0-9][-.a-z0-9]*")) {
          return new TargetSelector(type, Mode.NAMED, s, 0, List.of());
        }
        throw new IllegalArgumentException("a pod target is random, a number (3), a percentage (10%) or NAMESPACE/NAME, not '"
            + s + "'");
      }
    }
  }

  /** The selector as a scenario or report writes it. */
  public String text() {
    String base = switch (mode) {
      case NAMED -> name;
      case RANDOM -> "random";
      case COORDINATOR -> "coordinator";
      case MOST_SHARDS -> "most-shards";
      case COUNT -> amount == 1 ? "random" : Integer.toString(amount);
      case PERCENT -> amount + "%";
      case DATABASE -> "db";
    };
    return from.isEmpty() ? base : base + " from " + String.join(",", from);
  }

  /** The same selector aimed at one named member (a random member drawn when the timeline is laid out). */
  public TargetSelector named(String member) {
    return new TargetSelector(type, Mode.NAMED, member, 0, from);
  }
}
