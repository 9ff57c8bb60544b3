package dev.orca.node.runtime;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The output of one container instance: a bounded buffer of numbered, timestamped lines. Thread-safe. */
public final class ContainerLog {
  /** One line of output; {@code seq} grows by one per line of this instance. */
  public record Line(long seq, Instant at, String text) {}

  private final int capacity;
  private final ArrayDeque<Line> lines = new ArrayDeque<>();
  private long next = 1;

  public ContainerLog(int capacity) {
    this.capacity = capacity;
  }

  public synchronized void append(String text) {
    lines.addLast(new Line(next++, Instant.now(), text));
    if (lines.size() > capacity) {
      lines.removeFirst();
    }
  }

  /** The retained lines after {@code seq}. */
  public synchronized List<Line> after(long seq) {
    List<Line> out = new ArrayList<>();
    for (Line line : lines) {
      if (line.seq() > seq) {
        out.add(line);
      }
    }
    return out;
  }
}
