package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}) as a pure function
 * of the current object and the applied configuration, following structured-merge-diff's
 * {@code Updater.Apply} and apimachinery's field manager:
 * <ol>
 *   <li>the configuration is merged into the object (maps by field, keyed lists by key, atomic
 *       values replaced); its {@code status} is ignored, status belongs to controllers;
 *   <li>fields the manager applied last time and leaves out now are removed, unless another
 *       manager owns them;
 *   <li>fields this changes that another manager owns are conflicts: refused without
 *       {@code force}, taken from the other manager with it;
 *   <li>the manager's Apply entry becomes exactly the fields of the configuration.
 * </ol>
 */
public final class ServerSideApply {
  private ServerSideApply() {}

  /**
   * @param current the stored object, managedFields included; {@code null} when it does not exist
   * @param applied the configuration; must not carry managedFields
   * @param manager the field manager
   * @param force take fields from other managers instead of failing
   * @param now the time of the apply, recorded in the manager's entry when the object changes
   * @throws IllegalArgumentException when the configuration is invalid (kube answers 400): it
   *     carries managedFields, its apiVersion differs from the object's, a keyed list item lacks
   *     its key, or a key repeats; also when the current object's managedFields cannot be read
   */
  public static ApplyResult apply(JsonNode current, JsonNode applied, String manager, boolean force, Instant now) {
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(now, "now");
    String apiVersion = validate(current, applied);
    ListKeys keys = ListKeys.forObject(applied);
    ObjectNode config = applied.deepCopy();
    config.remove("status");

    List<ManagedFieldsEntry> managed = current == null ? List.of() : ManagedFields.read(current);
    JsonNode live = current == null ? ManagedFields.emptyLike(config) : ManagedFields.strip(current);
    ManagedFieldsEntry mine = new ManagedFieldsEntry(manager, ManagedFieldsEntry.APPLY, apiVersion, null,
        Scope.MAIN.ownable(FieldCollector.collect(config, keys, true)), null);
    ManagedFieldsEntry previous = managed.stream().filter(mine::sameManager).findFirst().orElse(null);
    List<ManagedFieldsEntry> others = managed.stream().filter(e -> !e.sameManager(mine)).toList();

    JsonNode merged = Merge.merge(current == null ? Values.NODES.objectNode() : live, config, keys);
    JsonNode result = prune(merged, previous, mine, others, keys);
    Comparison diff = Scope.MAIN.ownable(Comparison.of(live, result, keys));

    List<Conflict> conflicts = conflicts(others, diff.changed());
    if (!conflicts.isEmpty() && !force) {
      conflicts = withoutUpgradedFields(conflicts, manager, current, apiVersion, keys);
      if (!conflicts.isEmpty()) {
        return ApplyResult.ApplyConflict.of(conflicts);
      }
    }

    List<ManagedFieldsEntry> entries = new ArrayList<>();
    for (ManagedFieldsEntry other : others) {
      FieldSet kept = other.fields().difference(diff.changed()).difference(diff.removed());
      if (!kept.isEmpty()) {
        entries.add(other.withFields(kept));
      }
    }
    if (!mine.fields().isEmpty()) {
      boolean changed = current == null || !Values.equal(live, result);
      String time = changed || previous == null || previous.time() == null
          ? ManagedFieldsEntry.formatTime(now) : previous.time();
      entries.add(new ManagedFieldsEntry(manager, ManagedFieldsEntry.APPLY, apiVersion, time, mine.fields(), null));
    }
    if (LastApplied.KUBECTL.equals(manager)) {
      result = LastApplied.sync(result, applied);
    }
    return new ApplyResult.Applied(ManagedFields.write(result, entries));
  }

  private static String validate(JsonNode current, JsonNode applied) {
    if (!applied.isObject()) {
      throw new IllegalArgumentException("the applied configuration must be an object");
    }
    JsonNode managedFields = applied.path("metadata").get("managedFields");
    if (managedFields != null && !managedFields.isNull()) {
      throw new IllegalArgumentException("metadata.managedFields must be nil");
    }
    String apiVersion = applied.path("apiVersion").asText("");
    if (apiVersion.isEmpty()) {
      throw new IllegalArgumentException("apiVersion must not be empty");
    }
    String expected = current == null ? apiVersion : current.path("apiVersion").asText(apiVersion);
    if (!expected.isEmpty() && !expected.equals(apiVersion)) {
      throw new IllegalArgumentException("Incorrect version specified in apply patch. Specified patch version: "
          + apiVersion + ", expected: " + expected);
    }
    return apiVersion;
  }

  /**
   * Removes what the manager applied last time and no longer applies, when no manager (this one
   * included) owns it now. A map field stays while something below it is owned; a list item goes
   * as a whole, as structured-merge-diff removes it.
   */
  private static JsonNode prune(JsonNode merged, ManagedFieldsEntry previous, ManagedFieldsEntry mine,
      List<ManagedFieldsEntry> others, ListKeys keys) {
    if (previous == null || previous.fields().isEmpty()) {
      return merged;
    }
    FieldSet owned = mine.fields();
    for (ManagedFieldsEntry other : others) {
      owned = owned.union(other.fields());
    }
    FieldSet stillOwned = owned;
    FieldSet orphans = previous.fields().difference(owned)
        .filter(p -> !(p.last() instanceof PathElement.Field && stillOwned.hasDescendant(p)));
    return orphans.isEmpty() ? merged : Removal.remove(merged, orphans, keys);
  }

  private static List<Conflict> conflicts(List<ManagedFieldsEntry> others, FieldSet changed) {
    List<Conflict> conflicts = new ArrayList<>();
    for (ManagedFieldsEntry other : others) {
      for (Path path : other.fields().intersection(changed).paths()) {
        conflicts.add(new Conflict(other, path));
      }
    }
    return conflicts;
  }

  /** For kubectl, fields its client-side last-applied annotation already set to the live value do not conflict. */
  private static List<Conflict> withoutUpgradedFields(List<Conflict> conflicts, String manager, JsonNode current,
      String apiVersion, ListKeys keys) {
    if (!LastApplied.KUBECTL.equals(manager) || current == null) {
      return conflicts;
    }
    FieldSet agreeing = LastApplied.agreeingFields(ManagedFields.strip(current), apiVersion, keys);
    return conflicts.stream().filter(c -> !agreeing.contains(c.path())).toList();
  }
}
