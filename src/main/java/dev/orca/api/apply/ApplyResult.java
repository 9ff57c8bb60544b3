package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of a server-side apply. */
public sealed interface ApplyResult permits ApplyResult.Applied, ApplyResult.ApplyConflict {

  /**
   * The object to store, managedFields included. When it equals the current object the apply
   * changed nothing and need not be written.
   */
  record Applied(JsonNode object) implements ApplyResult {}

  /**
   * The apply was refused: it would change fields other managers own. The API answers 409
   * Conflict with {@code message}, and one cause per conflict: reason {@code FieldManagerConflict},
   * message {@link Conflict#causeMessage()}, field {@link Conflict#field()}.
   */
  record ApplyConflict(List<Conflict> conflicts, String message) implements ApplyResult {
    public ApplyConflict {
      conflicts = List.copyOf(conflicts);
    }

    /**
     * The conflicts ordered by manager then field, with kube's message (apimachinery
     * {@code managedfields/internal/conflict.go}): {@code Apply failed with 1 conflict: conflict
     * with "m": .spec.replicas}, or for several {@code Apply failed with N conflicts: conflicts with
     * "a":\n- .f1\n- .f2\nconflicts with "b" using apps/v1:\n- .f3}.
     */
    public static ApplyConflict of(List<Conflict> conflicts) {
      if (conflicts.isEmpty()) {
        throw new IllegalArgumentException("an apply conflict needs at least one conflict");
      }
      List<Conflict> sorted = new ArrayList<>(conflicts);
      sorted.sort(Comparator.comparing((Conflict c) -> c.owner().identifier()).thenComparing(Conflict::path));
      if (sorted.size() == 1) {
        Conflict only = sorted.get(0);
        return new ApplyConflict(sorted, "Apply failed with 1 conflict: " + only.causeMessage() + ": " + only.field());
      }
      Map<String, List<Conflict>> byManager = new LinkedHashMap<>();
      for (Conflict c : sorted) {
        byManager.computeIfAbsent(c.owner().identifier(), id -> new ArrayList<>()).add(c);
      }
      List<String> lines = new ArrayList<>();
      for (List<Conflict> group : byManager.values()) {
        lines.add("conflicts with " + group.get(0).owner().describe() + ":");
        group.forEach(c -> lines.add("- " + c.field()));
      }
      return new ApplyConflict(sorted,
          "Apply failed with " + sorted.size() + " conflicts: " + String.join("\n", lines));
    }
  }
}
