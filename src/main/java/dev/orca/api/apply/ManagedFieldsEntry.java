package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;

/**
 * One {@code metadata.managedFields} entry: who wrote which fields, how, and when.
 *
 * @param manager the field manager ({@code ?fieldManager=}, or the user agent)
 * @param operation {@link #APPLY} or {@link #UPDATE}
 * @param apiVersion the group/version the write used, e.g. {@code apps/v1}
 * @param time RFC 3339 to the second, or {@code null}
 * @param fields the fields owned
 * @param subresource e.g. {@code status}, or {@code null} for the main resource
 */
public record ManagedFieldsEntry(String manager, String operation, String apiVersion, String time, FieldSet fields,
    String subresource) {
  public static final String APPLY = "Apply";
  public static final String UPDATE = "Update";
  public static final String FIELDS_V1 = "FieldsV1";

  /** kube's order: Apply before Update, then older first, then by manager, apiVersion, subresource. */
  static final Comparator<ManagedFieldsEntry> ORDER = Comparator
      .comparing(ManagedFieldsEntry::operation)
      .thenComparingLong(ManagedFieldsEntry::epochSecond)
      .thenComparing(ManagedFieldsEntry::manager)
      .thenComparing(ManagedFieldsEntry::apiVersion)
      .thenComparing(e -> e.subresource() == null ? "" : e.subresource());

  public ManagedFieldsEntry {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(fields, "fields");
    if (subresource != null && subresource.isEmpty()) {
      subresource = null;
    }
  }

  public static String formatTime(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  public boolean isApply() {
    return APPLY.equals(operation);
  }

  /**
   * Whether both entries belong to the same manager identity, as kube keys them: manager,
   * operation and subresource, and for updates the apiVersion too.
   */
  public boolean sameManager(ManagedFieldsEntry other) {
    return manager.equals(other.manager) && operation.equals(other.operation)
        && Objects.equals(subresource, other.subresource)
        && (isApply() || apiVersion.equals(other.apiVersion));
  }

  public ManagedFieldsEntry withFields(FieldSet newFields) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, time, newFields, subresource);
  }

  /**
   * The manager as kube names it in conflicts: {@code "kubectl"} for an applier,
   * {@code "kubectl-edit" using apps/v1} for an updater, with {@code with subresource "status"}
   * after the name where there is one.
   */
  public String describe() {
    String name = Values.write(Values.NODES.textNode(manager));
    if (subresource != null) {
      name = name + " with subresource " + Values.write(Values.NODES.textNode(subresource));
    }
    return isApply() ? name : name + " using " + apiVersion;
  }

  /** kube's manager identifier, the JSON of the entry without time and fields; conflicts are grouped in its order. */
  String identifier() {
    ObjectNode id = Values.NODES.objectNode();
    id.put("manager", manager);
    id.put("operation", operation);
    if (!isApply()) {
      id.put("apiVersion", apiVersion);
    }
    if (subresource != null) {
      id.put("subresource", subresource);
    }
    return Values.write(id);
  }

  ObjectNode toJson() {
    ObjectNode json = Values.NODES.objectNode();
    json.put("manager", manager);
    json.put("operation", operation);
    json.put("apiVersion", apiVersion);
    if (time != null) {
      json.put("time", time);
    }
    json.put("fieldsType", FIELDS_V1);
    json.set("fieldsV1", fields.toFieldsV1());
    if (subresource != null) {
      json.put("subresource", subresource);
    }
    return json;
  }

  /** Reads an entry; {@link IllegalArgumentException} with kube's wording when it is invalid. */
  static ManagedFieldsEntry fromJson(JsonNode json, int index) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("managed fields entry " + index + " is not an object");
    }
    String operation = text(json, "operation");
    if (!APPLY.equals(operation) && !UPDATE.equals(operation)) {
      throw new IllegalArgumentException("operation must be `Apply` or `Update`");
    }
    String apiVersion = text(json, "apiVersion");
    if (apiVersion == null || apiVersion.isEmpty()) {
      throw new IllegalArgumentException("apiVersion must not be empty");
    }
    String fieldsType = text(json, "fieldsType");
    if (fieldsType == null || fieldsType.isEmpty()) {
      throw new IllegalArgumentException("missing fieldsType in managed fields entry " + index);
    }
    if (!FIELDS_V1.equals(fieldsType)) {
      throw new IllegalArgumentException("invalid fieldsType \"" + fieldsType + "\" in managed fields entry " + index);
    }
    String manager = text(json, "manager");
    return new ManagedFieldsEntry(manager == null ? "" : manager, operation, apiVersion, text(json, "time"),
        FieldSet.fromFieldsV1(json.get("fieldsV1")), text(json, "subresource"));
  }

  private static String text(JsonNode json, String name) {
    JsonNode v = json.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  private long epochSecond() {
    if (time == null) {
      return 0;
    }
    try {
      return Instant.parse(time).getEpochSecond();
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
