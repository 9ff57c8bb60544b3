package dev.orca.chaos.scenario;

import java.util.List;
import java.util.stream.IntStream;

/** The cluster a scenario runs: how many member JVMs, and how many simulated nodes each runs. */
public record ClusterSpec(int members, int simulatedNodesPerMember) {
  /** The members' names as {@code orca cluster up} gives them: orca-1 … orca-N. */
  public List<String> memberNames() {
    return IntStream.rangeClosed(1, members).mapToObj(i -> "orca-" + i).toList();
  }

  /** How many members may be lost at once with the rest keeping a majority (keep-majority SBR). */
  public int tolerableLosses() {
    return (members - 1) / 2;
  }
}
