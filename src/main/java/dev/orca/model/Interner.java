package dev.orca.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance of each distinct value that many objects carry alike. Bounded: past
 * {@code max} distinct values the table starts over (a workload has few; a table that only grew
 * would be a leak). Thread-safe. The values must be immutable, or treated so.
 */
public final class Interner<T> {
  private final int max;
  private final Map<T, T> values = new ConcurrentHashMap<>();

  public Interner(int max) {
    this.max = max;
  }

  /** The shared value equal to this one (this one if it is the first); null for null. */
  public T intern(T value) {
    if (value == null) {
      return null;
    }
    T shared = values.get(value);
    if (shared != null) {
      return shared;
    }
    if (values.size() >= max) {
      values.clear();
    }
    shared = values.putIfAbsent(value, value);
    return shared != null ? shared : value;
  }
}
