package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes {@code metadata.managedFields}, and keeps them for writes that are not applies
 * (create, update, patch), as kube's field manager does.
 */
public final class ManagedFields {
  private ManagedFields() {}

  /**
   * The entries of an object, in stored order; none when the object has no managedFields.
   * Throws {@link IllegalArgumentException} when an entry is invalid.
   */
  public static List<ManagedFieldsEntry> read(JsonNode object) {
    JsonNode list = object == null ? null : object.path("metadata").get("managedFields");
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("metadata.managedFields must be a list");
    }
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      entries.add(ManagedFieldsEntry.fromJson(list.get(i), i));
    }
    return List.copyOf(entries);
  }

  /**
   * A copy of {@code object} whose managedFields are {@code entries} in kube's order (appliers
   * first, then oldest first); without managedFields when there are no entries.
   */
  public static JsonNode write(JsonNode object, List<ManagedFieldsEntry> entries) {
    ObjectNode copy = object.deepCopy();
    JsonNode metadata = copy.get("metadata");
    if (entries.isEmpty()) {
      if (metadata != null && metadata.isObject()) {
        ((ObjectNode) metadata).remove("managedFields");
      }
      return copy;
    }
    if (metadata == null || !metadata.isObject()) {
      metadata = copy.putObject("metadata");
    }
    List<ManagedFieldsEntry> sorted = new ArrayList<>(entries);
    sorted.sort(ManagedFieldsEntry.ORDER);
    ArrayNode list = Values.NODES.arrayNode();
    sorted.forEach(entry -> list.add(entry.toJson()));
    ((ObjectNode) metadata).set("managedFields", list);
    return copy;
  }

  /** A copy of {@code object} without managedFields. */
  public static JsonNode strip(JsonNode object) {
    return write(object, List.of());
  }

  /** {@link #recordUpdate(JsonNode, JsonNode, String, String, Instant)} for the main resource. */
  public static JsonNode recordUpdate(JsonNode before, JsonNode after, String manager, Instant now) {
    return recordUpdate(before, after, manager, null, now);
  }

  /**
   * The bookkeeping of a create ({@code before} null), update or patch by {@code manager}:
   * {@code after} with managedFields where the manager's Update entry gains every field the write
   * added or changed, and every other entry loses those fields and the removed ones. Entries left
   * empty disappear. When the write changed nothing the entries stay as they were, times included.
   *
   * <p>The entries start from those {@code after} carries (a client may send them in a PUT; an
   * empty list resets them), else from {@code before}'s; a subresource write always starts from
   * {@code before}'s. Entries that cannot be read are dropped, as kube drops them.
   *
   * @param subresource {@code "status"} to record a status write (it owns only {@code status});
   *     {@code null} for the main resource (it never owns {@code status})
   */
  public static JsonNode recordUpdate(JsonNode before, JsonNode after, String manager, String subresource,
      Instant now) {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(manager, "manager");
    String apiVersion = after.path("apiVersion").asText("");
    if (apiVersion.isEmpty()) {
      throw new IllegalArgumentException("apiVersion must not be empty");
    }
    List<ManagedFieldsEntry> managed = liveOrNew(before, after, subresource != null);
    JsonNode old = before == null ? emptyLike(after) : strip(before);
    JsonNode updated = strip(after);
    Comparison diff = Scope.of(subresource).ownable(Comparison.of(old, updated, ListKeys.forObject(updated)));
    FieldSet changed = diff.changed();

    ManagedFieldsEntry self = new ManagedFieldsEntry(manager, ManagedFieldsEntry.UPDATE, apiVersion,
        ManagedFieldsEntry.formatTime(now), changed, subresource);
    List<ManagedFieldsEntry> out = new ArrayList<>();
    ManagedFieldsEntry previous = null;
    for (ManagedFieldsEntry entry : managed) {
      ManagedFieldsEntry kept = entry.withFields(entry.fields().difference(changed).difference(diff.removed()));
      if (entry.sameManager(self)) {
        previous = kept;
      } else if (!kept.fields().isEmpty()) {
        out.add(kept);
      }
    }
    if (!changed.isEmpty()) {
      out.add(previous == null ? self : self.withFields(previous.fields().union(changed)));
    } else if (previous != null && !previous.fields().isEmpty()) {
      out.add(previous);
    }
    return write(after, out);
  }

  private static List<ManagedFieldsEntry> liveOrNew(JsonNode before, JsonNode after, boolean subresource) {
    if (!subresource) {
      JsonNode sent = after.path("metadata").get("managedFields");
      if (isReset(sent)) {
        return List.of();
      }
      List<ManagedFieldsEntry> fromAfter = readOrEmpty(after);
      if (!fromAfter.isEmpty()) {
        return fromAfter;
      }
    }
    return readOrEmpty(before);
  }

  /** An empty list, or a list of one empty entry, asks to reset managedFields. */
  private static boolean isReset(JsonNode sent) {
    return sent != null && sent.isArray()
        && (sent.isEmpty() || (sent.size() == 1 && sent.get(0).isObject() && sent.get(0).isEmpty()));
  }

  private static List<ManagedFieldsEntry> readOrEmpty(JsonNode object) {
    try {
      return read(object);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  /**
   * What a newly created object is compared with: empty, but with the top-level maps present, as
   * in kube's empty typed object, so that a create does not claim {@code .spec} itself.
   */
  static JsonNode emptyLike(JsonNode object) {
    ObjectNode empty = Values.NODES.objectNode();
    object.fields().forEachRemaining(field -> {
      if (field.getValue().isObject()) {
        empty.putObject(field.getKey());
      }
    });
    return empty;
  }
}
