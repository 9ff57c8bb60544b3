package dev.orca.chaos.check;

import java.util.Map;

/**
 * One write the workload generator made through the API, as its log keeps it: the {@code seq}-th
 * write (the order the generator issued them; it writes one object at a time, so per object this
 * is the order of effect), when it was answered ({@code atMillis}, epoch), what it did ({@code op}:
 * create, update, scale or delete) to which object, and how it ended:
 * <ul>
 *   <li>{@code ACKED}: a 2xx; {@code uid} and {@code resourceVersion} are the answer's, and
 *       {@code fields} what the write set (field path → value, e.g. {@code spec.replicas → 5}),
 *       which the object must still show unless a later write changed it;</li>
 *   <li>{@code UNKNOWN}: no answer, or a 504/503 with the write in flight: it may or may not have
 *       happened, so it excuses what it could have done but is never counted lost;</li>
 *   <li>{@code REJECTED}: a 4xx or a 503 refused before it was stored: it did not happen.</li>
 * </ul>
 */
public record WriteRecord(long seq, long atMillis, String op, String kind, String namespace, String name, Outcome outcome,
    String uid, long resourceVersion, Map<String, String> fields) {
  public enum Outcome { ACKED, UNKNOWN, REJECTED }

  public WriteRecord {
    fields = fields == null ? Map.of() : Map.copyOf(fields);
    if (!java.util.List.of("create", "update", "scale", "delete").contains(op)) {
      throw new IllegalArgumentException("op is create, update, scale or delete, not " + op);
    }
  }

  /** kind/namespace/name. */
  public String key() {
    return kind + "/" + namespace + "/" + name;
  }

  public boolean deletes() {
    return op.equals("delete");
  }
}
