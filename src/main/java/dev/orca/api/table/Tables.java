package dev.orca.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.model.Json;
import dev.orca.model.KubeObject;
import dev.orca.model.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Objects as a {@code meta.k8s.io} Table, the answer to
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}:
 * <pre>
 * {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": …, "continue": …},
 *  "columnDefinitions": [{"name", "type", "format", "description", "priority"}…],
 *  "rows": [{"cells": […], "conditions"?: […], "object": {"kind": "PartialObjectMetadata", …}}…]}
 * </pre>
 * Wide columns are always included (priority 1 tells kubectl to show them only with {@code -o wide}).
 */
public final class Tables {
  private static final ObjectMapper MAPPER = Json.mapper();

  private Tables() {}

  /** A list as a {@code meta.k8s.io/v1} Table. */
  public static ObjectNode table(ResourceType type, List<? extends KubeObject> objects, String listResourceVersion,
      String continueToken, Instant now, IncludeObject includeObject) {
    return table(TableVersion.V1, type, objects, listResourceVersion, continueToken, now, includeObject);
  }

  /**
   * A list as a Table.
   *
   * @param listResourceVersion the list's resourceVersion; left out when null or empty
   * @param continueToken the list's continue token; left out when null or empty
   * @param now the server time that ages are measured against
   */
  public static ObjectNode table(TableVersion version, ResourceType type, List<? extends KubeObject> objects,
      String listResourceVersion, String continueToken, Instant now, IncludeObject includeObject) {
    TablePrinter printer = TablePrinters.of(type);
    ObjectNode table = envelope(version, listResourceVersion, continueToken);
    table.set("columnDefinitions", columnDefinitions(printer));
    ArrayNode rows = table.putArray("rows");
    for (KubeObject object : objects) {
      rows.add(rowNode(version, type, printer, object, now, includeObject));
    }
    return table;
  }

  /** One object as a one-row {@code meta.k8s.io/v1} Table, the object of a watch event. */
  public static ObjectNode row(ResourceType type, KubeObject object, Instant now, IncludeObject includeObject,
      boolean withColumnDefinitions) {
    return row(TableVersion.V1, type, object, now, includeObject, withColumnDefinitions);
  }

  /**
   * One object as a one-row Table, the object of a watch event; its metadata.resourceVersion is
   * the object's. kube-apiserver sends {@code columnDefinitions} with a watch's first event only
   * and {@code "columnDefinitions": null} after it (kubectl keeps the first ones); {@link TableWatch}
   * follows that rule.
   */
  public static ObjectNode row(TableVersion version, ResourceType type, KubeObject object, Instant now,
      IncludeObject includeObject, boolean withColumnDefinitions) {
    TablePrinter printer = TablePrinters.of(type);
    ObjectNode table = envelope(version, object.metadata() == null ? null : object.metadata().resourceVersion(), null);
    if (withColumnDefinitions) {
      table.set("columnDefinitions", columnDefinitions(printer));
    } else {
      table.putNull("columnDefinitions");
    }
    table.putArray("rows").add(rowNode(version, type, printer, object, now, includeObject));
    return table;
  }

  /**
   * Whether an Accept header asks for a Table, and in which version. Like kube's negotiation, the
   * media ranges are tried by q-value (wildcards last, header order otherwise); the first one the
   * API can answer decides: a JSON range with {@code as=Table;g=meta.k8s.io;v=v1|v1beta1} means a
   * Table, a JSON or YAML range without {@code as} means the plain object. Ranges it cannot
   * answer (protobuf, other conversions, other versions) are passed over.
   *
   * @return the Table version to answer in, or empty for a plain answer
   */
  public static Optional<TableVersion> accepts(String acceptHeader) {
    if (acceptHeader == null || acceptHeader.isBlank()) {
      return Optional.empty();
    }
    for (MediaRange range : MediaRange.parseAll(acceptHeader)) {
      if (range.q() <= 0) {
        continue;
      }
      String as = range.params().get("as");
      if (range.isJsonCompatible()) {
        if (as == null) {
          return Optional.empty();
        }
        if (as.equals("Table") && TableVersion.GROUP.equals(range.params().get("g"))) {
          TableVersion version = TableVersion.of(range.params().get("v"));
          if (version != null) {
            return Optional.of(version);
          }
        }
      } else if (range.isYaml() && as == null) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The column definitions of a resource type's Table. */
  public static ArrayNode columnDefinitions(ResourceType type) {
    return columnDefinitions(TablePrinters.of(type));
  }

  private static ObjectNode envelope(TableVersion version, String resourceVersion, String continueToken) {
    ObjectNode table = MAPPER.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", version.apiVersion());
    ObjectNode metadata = table.putObject("metadata");
    if (resourceVersion != null && !resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
    if (continueToken != null && !continueToken.isEmpty()) {
      metadata.put("continue", continueToken);
    }
    return table;
  }

  private static ArrayNode columnDefinitions(TablePrinter printer) {
    ArrayNode columns = MAPPER.createArrayNode();
    for (Column c : printer.columns()) {
      ObjectNode column = columns.addObject();
      column.put("name", c.name());
      column.put("type", c.type());
      column.put("format", c.format());
      column.put("description", c.description());
      column.put("priority", c.priority());
    }
    return columns;
  }

  private static ObjectNode rowNode(TableVersion version, ResourceType type, TablePrinter printer,
      KubeObject object, Instant now, IncludeObject includeObject) {
    Row row = printer.row(object, now);
    ObjectNode node = MAPPER.createObjectNode();
    ArrayNode cells = node.putArray("cells");
    for (Object cell : row.cells()) {
      if (cell instanceof Number n) {
        cells.add(n.longValue());
      } else {
        cells.add(String.valueOf(cell));
      }
    }
    if (!row.conditions().isEmpty()) {
      ArrayNode conditions = node.putArray("conditions");
      for (Row.Condition c : row.conditions()) {
        ObjectNode condition = conditions.addObject();
        condition.put("type", c.type());
        condition.put("status", c.status());
        if (c.reason() != null && !c.reason().isEmpty()) {
          condition.put("reason", c.reason());
        }
        if (c.message() != null && !c.message().isEmpty()) {
          condition.put("message", c.message());
        }
      }
    }
    switch (includeObject) {
      case NONE -> node.putNull("object");
      case OBJECT -> node.set("object", wholeObject(type, object));
      default -> node.set("object", partialObjectMetadata(version, object));
    }
    return node;
  }

  private static ObjectNode partialObjectMetadata(TableVersion version, KubeObject object) {
    ObjectNode partial = MAPPER.createObjectNode();
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", version.apiVersion());
    JsonNode metadata = object.metadata() == null ? MAPPER.createObjectNode() : MAPPER.valueToTree(object.metadata());
    partial.set("metadata", metadata);
    return partial;
  }

  /** The object as it is served, kind and apiVersion first even when the stored object lacks them. */
  private static ObjectNode wholeObject(ResourceType type, KubeObject object) {
    ObjectNode whole = MAPPER.createObjectNode();
    whole.put("apiVersion", object.apiVersion() != null ? object.apiVersion() : type.apiVersion());
    whole.put("kind", object.kind() != null ? object.kind() : type.kind());
    ObjectNode serialized = MAPPER.valueToTree(object);
    serialized.remove("apiVersion");
    serialized.remove("kind");
    whole.setAll(serialized);
    return whole;
  }

  /** One range of an Accept header: type/subtype, its parameters, and q. */
  private record MediaRange(String type, String subtype, Map<String, String> params, double q, int position) {
    static List<MediaRange> parseAll(String header) {
      List<MediaRange> ranges = new ArrayList<>();
      String[] parts = header.split(",");
      for (int i = 0; i < parts.length; i++) {
        MediaRange r = parse(parts[i], i);
        if (r != null) {
          ranges.add(r);
        }
      }
      // by q, then concrete before wildcard, then in header order (goautoneg's order)
      ranges.sort(Comparator.comparingDouble((MediaRange r) -> -r.q())
          .thenComparing(r -> r.type().equals("*"))
          .thenComparing(r -> r.subtype().equals("*"))
          .thenComparingInt(MediaRange::position));
      return ranges;
    }

    private static MediaRange parse(String text, int position) {
      String[] pieces = text.split(";");
      String mediaType = pieces[0].trim().toLowerCase(Locale.ROOT);
      if (mediaType.isEmpty()) {
        return null;
      }
      int slash = mediaType.indexOf('/');
      String type = slash < 0 ? mediaType : mediaType.substring(0, slash).trim();
      String subtype = slash < 0 ? "*" : mediaType.substring(slash + 1).trim();
      Map<String, String> params = new HashMap<>();
      double q = 1;
      for (int i = 1; i < pieces.length; i++) {
        String[] kv = pieces[i].split("=", 2);
        String key = kv[0].trim().toLowerCase(Locale.ROOT);
        String value = kv.length < 2 ? "" : unquote(kv[1].trim());
        if (key.equals("q")) {
          try {
            q = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            q = 0;
          }
        } else if (!key.isEmpty()) {
          params.put(key, value);
        }
      }
      return new MediaRange(type, subtype, params, q, position);
    }

    private static String unquote(String s) {
      return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    boolean isJsonCompatible() {
      return type.equals("*") || (type.equals("application") && (subtype.equals("json") || subtype.equals("*")));
    }

    boolean isYaml() {
      return (type.equals("application") && (subtype.equals("yaml") || subtype.equals("x-yaml")))
          || (type.equals("text") && subtype.equals("yaml"));
    }
  }
}
