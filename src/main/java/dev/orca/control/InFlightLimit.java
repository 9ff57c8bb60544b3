package dev.orca.control;

import java.util.ArrayDeque;

/**
 * At most {@code limit} things in flight; each held permit is given back when its thing ends, or
 * lapses {@code ttlNanos} after it was taken — so a holder that stops without giving its permits
 * back (an entity passivated or moved while its writes were out) cannot shrink the limit for
 * good. Pure: it is told the time (nanoseconds on any monotonic clock). Not thread-safe.
 */
final class InFlightLimit {
  private final int limit;
  private final long ttlNanos;
  /** When each held permit lapses, oldest first. */
  private final ArrayDeque<Long> lapses = new ArrayDeque<>();

  InFlightLimit(int limit, long ttlNanos) {
    if (limit < 1 || ttlNanos <= 0) {
      throw new IllegalArgumentException("a limit needs at least 1 permit and a positive lifetime: " + limit + ", " + ttlNanos);
    }
    this.limit = limit;
    this.ttlNanos = ttlNanos;
  }

  /** Takes up to {@code wanted} permits; how many it took. */
  int take(int wanted, long nowNanos) {
    dropLapsed(nowNanos);
    int granted = Math.max(0, Math.min(wanted, limit - lapses.size()));
    for (int i = 0; i < granted; i++) {
      lapses.addLast(nowNanos + ttlNanos);
    }
    return granted;
  }

  /** Gives one permit back (the oldest: which one does not matter, only how many are held). */
  void release(long nowNanos) {
    dropLapsed(nowNanos);
    lapses.pollFirst();
  }

  int held(long nowNanos) {
    dropLapsed(nowNanos);
    return lapses.size();
  }

  int available(long nowNanos) {
    return limit - held(nowNanos);
  }

  private void dropLapsed(long nowNanos) {
    while (!lapses.isEmpty() && lapses.peekFirst() - nowNanos <= 0) {
      lapses.pollFirst();
    }
  }
}
