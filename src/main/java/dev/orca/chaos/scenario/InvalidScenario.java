package dev.orca.chaos.scenario;

import java.util.List;

/** A scenario file that cannot be run: every problem found, each as {@code path: what is wrong}. */
public final class InvalidScenario extends Exception {
  private final List<String> problems;

  public InvalidScenario(String source, List<String> problems) {
    super(source + " is not a valid scenario:\n  " + String.join("\n  ", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
