package dev.orca.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * client-go's EventSourceObjectSpamFilter: each reporting component may record {@code burst}
 * Events about one object, then one per {@code refillNanos}; the rest are dropped. A ReplicaSet
 * of 5,000 pods otherwise wrote a SuccessfulCreate Event for every pod — as many Event writes as
 * pod writes in a Deployment's fill. The buckets of the {@code remembered} most recently used
 * (component, object) pairs are kept, as client-go's LRU cache of 4,096. Pure: it is told the time
 * (nanoseconds on any monotonic clock). Not thread-safe.
 */
final class EventSpamFilter {
  private final int burst;
  private final long refillNanos;
  private final Map<String, Bucket> buckets;

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  EventSpamFilter(int burst, long refillNanos, int remembered) {
    if (burst < 1 || refillNanos <= 0 || remembered < 1) {
      throw new IllegalArgumentException("burst, refill and remembered must be positive: " + burst + ", "
          + refillNanos + ", " + remembered);
    }
    this.burst = burst;
    this.refillNanos = refillNanos;
    this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > remembered;
      }
    };
  }

  /** Whether an Event by {@code source} about the object with {@code uid} may be recorded now. */
  boolean allow(String source, String uid, long nowNanos) {
    Bucket b = buckets.computeIfAbsent(source + "|" + uid, k -> new Bucket(burst, nowNanos));
    if (nowNanos > b.at) {
      b.tokens = Math.min(burst, b.tokens + (double) (nowNanos - b.at) / refillNanos);
      b.at = nowNanos;
    }
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }
}
