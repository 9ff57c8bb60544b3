package dev.orca.control;

import java.time.Duration;

/**
 * A token bucket: {@code burst} tokens to start with, refilled at {@code rate} a second up to
 * {@code burst}. Pure: it is told the time (nanoseconds on any monotonic clock). Not thread-safe.
 */
final class TokenBucket {
  private final double rate;
  private final double burst;
  private double tokens;
  private long at;

  TokenBucket(double rate, int burst, long nowNanos) {
    if (rate <= 0 || burst < 1) {
      throw new IllegalArgumentException("a bucket needs a positive rate and a burst of at least 1: " + rate + ", " + burst);
    }
    this.rate = rate;
    this.burst = burst;
    this.tokens = burst;
    this.at = nowNanos;
  }

  /** Takes up to {@code wanted} whole tokens; how many it took. */
  int take(int wanted, long nowNanos) {
    refill(nowNanos);
    int granted = (int) Math.min(wanted, Math.floor(tokens));
    tokens -= Math.max(0, granted);
    return Math.max(0, granted);
  }

  /** How long until the next whole token (zero if one is there). */
  Duration untilNext(long nowNanos) {
    refill(nowNanos);
    return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9));
  }

  private void refill(long nowNanos) {
    if (nowNanos > at) {
      tokens = Math.min(burst, tokens + (nowNanos - at) / 1e9 * rate);
      at = nowNanos;
    }
  }
}
