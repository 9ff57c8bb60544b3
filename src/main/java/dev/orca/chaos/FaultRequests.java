package dev.orca.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the body of {@code POST /chaos/v1/faults}:
 * {@code {"kind": "stop-heartbeats", "target": "node/sim-node-1", "for": "10s"}}. Unknown fields,
 * a kind that does not exist, a target that does not suit the kind, a missing or bad duration:
 * each an {@link InvalidFault} naming the field.
 */
public final class FaultRequests {
  private static final Set<String> FIELDS = Set.of("kind", "target", "for");

  private FaultRequests() {}

  public static Fault parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidFault("", "the body must be an object: {\"kind\": …, \"target\": …, \"for\": …}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidFault(name, "unknown field \"" + name + "\" (a fault has kind, target and for)");
      }
    }
    String kindName = text(body, "kind");
    if (kindName == null) {
      throw new InvalidFault("kind", "Required value: one of " + FaultKind.names());
    }
    FaultKind kind = FaultKind.of(kindName).orElseThrow(() -> new InvalidFault("kind",
        "Unsupported value: \"" + kindName + "\": supported values: " + FaultKind.names()));
    FaultTarget target;
    try {
      target = FaultTarget.parse(text(body, "target"));
    } catch (IllegalArgumentException e) {
      throw new InvalidFault("target", e.getMessage());
    }
    Duration duration = Duration.ZERO;
    String forText = text(body, "for");
    if (forText != null) {
      try {
        duration = Durations.parse(forText);
      } catch (IllegalArgumentException e) {
        throw new InvalidFault("for", e.getMessage());
      }
    }
    try {
      return new Fault(kind, target, duration);
    } catch (IllegalArgumentException e) {
      throw new InvalidFault(target.type() != kind.target() ? "target" : "for", e.getMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidFault(field, "must be a string, not " + v.getNodeType().toString().toLowerCase());
    }
    return v.asText();
  }
}
