package dev.orca.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.model.Json;
import dev.orca.model.ResourceType;
import dev.orca.model.Status;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OpenAPI v3 documents kube-apiserver serves under {@code /openapi/v3}: one per group version
 * ({@code api/v1}, {@code apis/apps/v1}), each with the paths and operations of its kinds and the
 * schemas they use ({@link OpenApiSchemas}), and the index of them. Generated once from
 * {@link ResourceType} and the model records, and kept with their hash: they only change with the code.
 *
 * <p>Every create, update and patch operation declares the {@code fieldValidation} parameter, and
 * every patch operation carries {@code x-kubernetes-group-version-kind}: that is what tells kubectl
 * the server validates fields, so {@code kubectl create|apply|replace} send
 * {@code ?fieldValidation=Strict} instead of validating against a schema of their own.
 *
 * <p>Patch operations do not list {@code application/strategic-merge-patch+json}: kubectl would
 * then compute strategic merge patches from these schemas, which lack the patch-merge-key
 * annotations; without it kubectl uses the Kubernetes types it is built with, as it does today.
 */
public final class OpenApi {
  /** One document: its path in the index ({@code apis/apps/v1}), its JSON and the hash of that JSON. */
  public record Document(String path, byte[] json, String hash) {
    /** A copy: the document itself never changes. */
    @Override
    public byte[] json() {
      return json.clone();
    }

    /** {@code /openapi/v3/apis/apps/v1?hash=...}, as the index gives it. */
    public String serverRelativeURL() {
      return "/openapi/v3/" + path + "?hash=" + hash;
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> RESPONSE_TYPES = List.of("application/json", "application/yaml");
  private static final List<String> PATCH_TYPES =
      List.of("application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json");

  private static final class Shared {
    static final OpenApi INSTANCE = generate();
  }

  private final Map<String, Document> documents;
  private final byte[] index;

  private OpenApi(Map<String, Document> documents, byte[] index) {
    this.documents = documents;
    this.index = index;
  }

  /** The documents of this server, generated on first use. */
  public static OpenApi shared() {
    return Shared.INSTANCE;
  }

  /** {@code {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=..."}, ...}}}. */
  public byte[] index() {
    return index.clone();
  }

  /** The document of {@code api/v1} or {@code apis/GROUP/VERSION}, if served. */
  public Optional<Document> document(String path) {
    return Optional.ofNullable(documents.get(path));
  }

  public Collection<Document> documents() {
    return documents.values();
  }

  static OpenApi generate() {
    Map<String, List<ResourceType>> byGroupVersion = new LinkedHashMap<>();
    for (ResourceType t : ResourceType.values()) {
      byGroupVersion.computeIfAbsent(path(t), p -> new ArrayList<>()).add(t);
    }
    Map<String, Document> documents = new LinkedHashMap<>();
    ObjectNode index = NODES.objectNode();
    ObjectNode paths = index.putObject("paths");
    byGroupVersion.forEach((path, types) -> {
      byte[] json = write(document(types));
      Document document = new Document(path, json, hash(json));
      documents.put(path, document);
      paths.putObject(path).put("serverRelativeURL", document.serverRelativeURL());
    });
    return new OpenApi(Map.copyOf(documents), write(index));
  }

  /** {@code api/v1} for the core group, {@code apis/GROUP/VERSION} otherwise. */
  static String path(ResourceType t) {
    return t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version();
  }

  /** The document of one group version, holding {@code types}. */
  static ObjectNode document(List<ResourceType> types) {
    OpenApiSchemas schemas = new OpenApiSchemas();
    Map<String, ObjectNode> paths = new TreeMap<>();
    for (ResourceType t : types) {
      new KindPaths(t, schemas).addTo(paths);
    }
    ObjectNode doc = NODES.objectNode().put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", Discovery.version().gitVersion());
    ObjectNode pathsJson = doc.putObject("paths");
    paths.forEach(pathsJson::set);
    doc.putObject("components").set("schemas", schemas.toJson());
    return doc;
  }

  /** The paths and operations of one kind, as kube-apiserver lays them out. */
  private static final class KindPaths {
    private final ResourceType type;
    private final OpenApiSchemas schemas;
    private final String kindSchema;
    private final String listSchema;
    private final String statusSchema;
    private final String deleteOptionsSchema;
    private final String patchSchema = OpenApiSchemas.META + "Patch";
    /** {@code CoreV1}, {@code AppsV1}: the middle of operation ids. */
    private final String groupVersionId;

    KindPaths(ResourceType type, OpenApiSchemas schemas) {
      this.type = type;
      this.schemas = schemas;
      this.kindSchema = schemas.addKind(type);
      this.listSchema = schemas.addList(type);
      this.statusSchema = schemas.addRecord(Status.class);
      this.deleteOptionsSchema = schemas.addRecord(OpenApiSchemas.Meta.DeleteOptions.class);
      schemas.put(patchSchema, NODES.objectNode().put("type", "object").put("description",
          "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body."));
      String group = type.group().isEmpty() ? "core" : type.group();
      this.groupVersionId = capitalize(group) + capitalize(type.version());
    }

    void addTo(Map<String, ObjectNode> paths) {
      String prefix = "/" + path(type);
      String scope = type.namespaced() ? "Namespaced" : "";
      String collection = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
      String item = collection + "/{name}";

      ObjectNode list = pathItem(type.namespaced() ? List.of(namespace(), pretty()) : List.of(pretty()));
      list.set("get", operation("list", "list" + groupVersionId + scope + type.kind(),
          "list or watch objects of kind " + type.kind(), listParameters(), null, responses(listSchema, "200")));
      list.set("post", operation("post", "create" + groupVersionId + scope + type.kind(),
          "create a " + type.kind(), writeParameters(false), body(kindSchema, true),
          responses(kindSchema, "200", "201", "202")));
      paths.put(collection, list);

      ObjectNode one = pathItem(type.namespaced() ? List.of(name(), namespace(), pretty()) : List.of(name(), pretty()));
      one.set("get", operation("get", "read" + groupVersionId + scope + type.kind(),
          "read the specified " + type.kind(), List.of(), null, responses(kindSchema, "200")));
      one.set("put", operation("put", "replace" + groupVersionId + scope + type.kind(),
          "replace the specified " + type.kind(), writeParameters(false), body(kindSchema, true),
          responses(kindSchema, "200", "201")));
      one.set("delete", operation("delete", "delete" + groupVersionId + scope + type.kind(),
          "delete a " + type.kind(), deleteParameters(), body(deleteOptionsSchema, false),
          responses(statusSchema, "200", "202")));
      one.set("patch", patch("patch" + groupVersionId + scope + type.kind(),
          "partially update the specified " + type.kind()));
      paths.put(item, one);

      if (Discovery.hasStatus(type)) {
        ObjectNode status = pathItem(type.namespaced() ? List.of(name(), namespace(), pretty()) : List.of(name(), pretty()));
        status.set("get", operation("get", "read" + groupVersionId + scope + type.kind() + "Status",
            "read status of the specified " + type.kind(), List.of(), null, responses(kindSchema, "200")));
        status.set("put", operation("put", "replace" + groupVersionId + scope + type.kind() + "Status",
            "replace status of the specified " + type.kind(), writeParameters(false), body(kindSchema, true),
            responses(kindSchema, "200", "201")));
        status.set("patch", patch("patch" + groupVersionId + scope + type.kind() + "Status",
            "partially update status of the specified " + type.kind()));
        paths.put(item + "/status", status);
      }

      if (type.namespaced()) {
        ObjectNode all = pathItem(List.of(pretty()));
        all.set("get", operation("list", "list" + groupVersionId + type.kind() + "ForAllNamespaces",
            "list or watch objects of kind " + type.kind(), listParameters(), null, responses(listSchema, "200")));
        paths.put(prefix + "/" + type.plural(), all);
      }
    }

    private ObjectNode patch(String operationId, String description) {
      ObjectNode body = NODES.objectNode();
      ObjectNode content = body.putObject("content");
      for (String mediaType : PATCH_TYPES) {
        content.putObject(mediaType).set("schema", OpenApiSchemas.ref(patchSchema));
      }
      body.put("required", true);
      return operation("patch", operationId, description, writeParameters(true), body,
          responses(kindSchema, "200", "201"));
    }

    private ObjectNode operation(String action, String operationId, String description, List<ObjectNode> parameters,
        ObjectNode requestBody, ObjectNode responses) {
      ObjectNode op = NODES.objectNode();
      op.putArray("tags").add((type.group().isEmpty() ? "core" : type.group()) + "_" + type.version());
      op.put("description", description);
      op.put("operationId", operationId);
      if (!parameters.isEmpty()) {
        op.putArray("parameters").addAll(parameters);
      }
      if (requestBody != null) {
        op.set("requestBody", requestBody);
      }
      op.set("responses", responses);
      op.put("x-kubernetes-action", action);
      op.set("x-kubernetes-group-version-kind", OpenApiSchemas.gvk(type.group(), type.version(), type.kind()));
      return op;
    }

    private static ObjectNode body(String schema, boolean required) {
      ObjectNode body = NODES.objectNode();
      body.putObject("content").putObject("*/*").set("schema", OpenApiSchemas.ref(schema));
      if (required) {
        body.put("required", true);
      }
      return body;
    }

    private static ObjectNode responses(String schema, String... codes) {
      ObjectNode responses = NODES.objectNode();
      for (String code : codes) {
        ObjectNode response = responses.putObject(code).put("description", switch (code) {
          case "201" -> "Created";
          case "202" -> "Accepted";
          default -> "OK";
        });
        ObjectNode content = response.putObject("content");
        for (String mediaType : RESPONSE_TYPES) {
          content.putObject(mediaType).set("schema", OpenApiSchemas.ref(schema));
        }
      }
      return responses;
    }

    private static ObjectNode pathItem(List<ObjectNode> parameters) {
      ObjectNode item = NODES.objectNode();
      item.putArray("parameters").addAll(parameters);
      return item;
    }
  }

  // ---- parameters, as kube-apiserver declares them ------------------------------------------

  private static List<ObjectNode> writeParameters(boolean patch) {
    List<ObjectNode> list = new ArrayList<>(List.of(
        query("dryRun", "string", "When present, indicates that modifications should not be persisted. "
            + "Valid values are: - All: all dry run stages will be processed"),
        query("fieldManager", "string", "fieldManager is a name associated with the actor or entity that is "
            + "making these changes."),
        query(FieldValidation.PARAMETER, "string", "fieldValidation instructs the server on how to handle objects "
            + "in the request containing unknown or duplicate fields. Valid values are: - Ignore: unknown and "
            + "duplicate fields are dropped silently. - Warn: each unknown or duplicate field is reported in a "
            + "Warning header (the default). - Strict: the request fails with a BadRequest error naming every "
            + "unknown or duplicate field.")));
    if (patch) {
      list.add(query("force", "boolean", "Force is going to \"force\" Apply requests. It means user will re-acquire "
          + "conflicting fields owned by other people. Force flag must be unset for non-apply patch requests."));
    }
    return list;
  }

  private static List<ObjectNode> deleteParameters() {
    return List.of(
        query("dryRun", "string", "When present, indicates that modifications should not be persisted."),
        query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted."),
        query("orphanDependents", "boolean", "Deprecated: please use the PropagationPolicy."),
        query("propagationPolicy", "string", "Whether and how garbage collection will be performed: "
            + "'Orphan', 'Background' or 'Foreground'."));
  }

  private static List<ObjectNode> listParameters() {
    return List.of(
        query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\"."),
        query("continue", "string", "The continue option should be set when retrieving more results from the server."),
        query("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields."),
        query("labelSelector", "string", "A selector to restrict the list of returned objects by their labels."),
        query("limit", "integer", "limit is a maximum number of responses to return for a list call."),
        query("resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a request "
            + "may be served from."),
        query("resourceVersionMatch", "string", "resourceVersionMatch determines how resourceVersion is applied "
            + "to list calls."),
        query("sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with `watch=true`."),
        query("timeoutSeconds", "integer", "Timeout for the list/watch call."),
        query("watch", "boolean", "Watch for changes to the described resources and return them as a stream of "
            + "add, update, and remove notifications."));
  }

  private static ObjectNode name() {
    return parameter("name", "path", "string", "name of the resource").put("required", true);
  }

  private static ObjectNode namespace() {
    return parameter("namespace", "path", "string", "object name and auth scope, such as for teams and projects")
        .put("required", true);
  }

  private static ObjectNode pretty() {
    return query("pretty", "string", "If 'true', then the output is pretty printed.");
  }

  private static ObjectNode query(String name, String type, String description) {
    return parameter(name, "query", type, description);
  }

  private static ObjectNode parameter(String name, String in, String type, String description) {
    ObjectNode p = NODES.objectNode().put("name", name).put("in", in).put("description", description);
    p.putObject("schema").put("type", type).put("uniqueItems", true);
    return p;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static byte[] write(ObjectNode json) {
    try {
      return Json.mapper().writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an OpenAPI document", e);
    }
  }

  /** SHA-512 of the document, in upper-case hex, as kube-apiserver hashes its documents. */
  static String hash(byte[] json) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(json));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is missing", e);
    }
  }
}
