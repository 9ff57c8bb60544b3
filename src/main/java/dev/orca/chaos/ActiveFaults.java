package dev.orca.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lasting faults in effect in one JVM, by what they act on ({@code kind + target}): pure
 * bookkeeping, no clock and no effects. Overlapping faults on the same thing merge: the effect is
 * applied once, by the first, and healed once, when the last of them has expired — so a scheduled
 * heal of an earlier, shorter fault does not end a later one early, and a heal that comes twice
 * does nothing the second time.
 */
public final class ActiveFaults {
  /** One fault in effect. */
  public record Active(String id, Fault fault, Instant since, Instant until) {}

  private final Map<String, Active> byKey = new LinkedHashMap<>();
  private long nextId = 1;

  /** What {@link #inject} decided: the fault's id, and whether its effect must be applied now (not already in effect). */
  public record Injected(Active active, boolean apply) {}

  /** Notes a fault starting {@code now}; a fault already in effect on the same thing is extended, not applied again. */
  public Injected inject(Fault fault, Instant now) {
    String key = key(fault);
    Instant until = now.plus(fault.duration());
    Active current = byKey.get(key);
    if (current != null) {
      Active extended = new Active(current.id(), fault, current.since(), until.isAfter(current.until()) ? until : current.until());
      byKey.put(key, extended);
      return new Injected(extended, false);
    }
    Active started = new Active("f" + nextId++, fault, now, until);
    byKey.put(key, started);
    return new Injected(started, true);
  }

  /**
   * A scheduled heal for the fault with this id came due at {@code now}: the fault to heal, if it is
   * still in effect and nothing extended it beyond {@code now}; empty otherwise (healed already, or
   * extended: a later heal will come).
   */
  public Optional<Active> due(String id, Instant now) {
    for (Map.Entry<String, Active> e : byKey.entrySet()) {
      Active a = e.getValue();
      if (a.id().equals(id)) {
        if (a.until().isAfter(now)) {
          return Optional.empty();
        }
        byKey.remove(e.getKey());
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Ends the fault with this id now, whatever its schedule: the fault to heal, or empty when none has that id. */
  public Optional<Active> end(String id) {
    for (Map.Entry<String, Active> e : byKey.entrySet()) {
      if (e.getValue().id().equals(id)) {
        byKey.remove(e.getKey());
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** When the fault with this id is due to end now (it may have been extended). */
  public Optional<Instant> until(String id) {
    return byKey.values().stream().filter(a -> a.id().equals(id)).map(Active::until).findFirst();
  }

  public List<Active> list() {
    return new ArrayList<>(byKey.values());
  }

  private static String key(Fault fault) {
    return fault.kind().wireName() + " " + fault.target().text();
  }
}
