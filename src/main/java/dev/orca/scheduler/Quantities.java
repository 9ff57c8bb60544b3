package dev.orca.scheduler;

import dev.orca.model.Quantity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quantity parsing for the hot path. A cluster uses a handful of distinct quantity strings
 * ("4", "8Gi", "500m"), so parsed values are memoised; a malformed quantity, which validation
 * should have rejected, counts as zero rather than failing the scheduler.
 */
final class Quantities {
  private static final int MAX_CACHED = 10_000;
  private static final Map<String, Long> MILLI = new ConcurrentHashMap<>();
  private static final Map<String, Long> WHOLE = new ConcurrentHashMap<>();

  private Quantities() {}

  /** Thousandths of the quantity ({@code 500m} → 500), or 0 if it is missing or malformed. */
  static long milli(String quantity) {
    return cached(MILLI, quantity, true);
  }

  /** Whole units of the quantity ({@code 1Ki} → 1024), or 0 if it is missing or malformed. */
  static long whole(String quantity) {
    return cached(WHOLE, quantity, false);
  }

  private static long cached(Map<String, Long> cache, String quantity, boolean milli) {
    if (quantity == null) {
      return 0;
    }
    Long hit = cache.get(quantity);
    if (hit != null) {
      return hit;
    }
    long parsed;
    try {
      parsed = milli ? Quantity.milliValue(quantity) : Quantity.value(quantity);
    } catch (IllegalArgumentException | ArithmeticException e) {
      parsed = 0;
    }
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(quantity, parsed);
    return parsed;
  }
}
