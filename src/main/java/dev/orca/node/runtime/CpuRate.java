package dev.orca.node.runtime;

/**
 * Turns a cumulative CPU time in clock ticks into a rate in nanocores: the difference to the
 * previous reading over the time between them. A total that went down (a process of the set
 * ended and took its ticks along) counts as no use, and the new total becomes the baseline.
 */
final class CpuRate {
  private long lastTicks;
  private long lastNanos;

  /** Starts from {@code ticks} at {@code nanos} (System.nanoTime()). */
  CpuRate(long ticks, long nanos) {
    this.lastTicks = ticks;
    this.lastNanos = nanos;
  }

  /** The rate since the previous reading, in nanocores; this reading becomes the previous one. */
  long next(long ticks, long nanos) {
    long deltaTicks = ticks - lastTicks;
    long deltaNanos = nanos - lastNanos;
    lastTicks = ticks;
    lastNanos = nanos;
    if (deltaTicks <= 0 || deltaNanos <= 0) {
      return 0;
    }
    double cpuSeconds = (double) deltaTicks / ProcTable.TICKS_PER_SECOND;
    return Math.round(cpuSeconds * 1e9 / (deltaNanos / 1e9));
  }
}
