package dev.orca.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.model.Deployment;
import dev.orca.model.DeploymentCondition;
import dev.orca.model.DeploymentSpec;
import dev.orca.model.DeploymentStatus;
import dev.orca.model.DeploymentStrategy;
import dev.orca.model.IntOrString;
import dev.orca.model.LabelSelector;
import dev.orca.model.LabelSelectorRequirement;
import dev.orca.model.ListMeta;
import dev.orca.model.ObjectMeta;
import dev.orca.model.OwnerReference;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetCondition;
import dev.orca.model.ReplicaSetSpec;
import dev.orca.model.ReplicaSetStatus;
import dev.orca.model.ResourceType;
import dev.orca.model.RollingUpdateDeployment;
import dev.orca.model.Status;
import dev.orca.model.StatusCause;
import dev.orca.model.StatusDetails;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code components.schemas} of one OpenAPI v3 document, generated from the model's records by
 * reflection ({@link RecordTypes}) and named as Kubernetes names them
 * ({@code io.k8s.api.apps.v1.Deployment}, {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}).
 * Strings, integers (int32, int64), booleans, arrays, maps ({@code additionalProperties}), nested
 * records ({@code $ref}); IntOrString is {@code x-kubernetes-int-or-string}, quantities are strings.
 * Kinds carry {@code x-kubernetes-group-version-kind}. Adding a record adds every record it refers to.
 */
final class OpenApiSchemas {
  static final String CORE = "io.k8s.api.core.v1.";
  static final String APPS = "io.k8s.api.apps.v1.";
  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  private static final Set<Class<?>> META_TYPES = Set.of(ObjectMeta.class, OwnerReference.class, ListMeta.class,
      LabelSelector.class, LabelSelectorRequirement.class, Status.class, StatusDetails.class, StatusCause.class,
      Meta.DeleteOptions.class, Meta.Preconditions.class);
  private static final Set<Class<?>> APPS_TYPES = Set.of(Deployment.class, DeploymentSpec.class,
      DeploymentStatus.class, DeploymentStrategy.class, DeploymentCondition.class, RollingUpdateDeployment.class,
      ReplicaSet.class, ReplicaSetSpec.class, ReplicaSetStatus.class, ReplicaSetCondition.class);

  /** meta/v1 types the API reads but the model has no record for, described here for their schemas. */
  static final class Meta {
    private Meta() {}

    /** The body of a DELETE. */
    record DeleteOptions(String apiVersion, String kind, java.util.List<String> dryRun, Long gracePeriodSeconds,
        Preconditions preconditions, Boolean orphanDependents, String propagationPolicy) {}

    /** What must hold for a DELETE to proceed. */
    record Preconditions(String uid, String resourceVersion) {}
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** By name, sorted as kube-apiserver writes them. */
  private final Map<String, ObjectNode> schemas = new TreeMap<>();

  /** The Kubernetes name of a record's schema; records outside meta and apps are core v1. */
  static String name(Class<?> record) {
    String prefix = META_TYPES.contains(record) ? META : APPS_TYPES.contains(record) ? APPS : CORE;
    return prefix + record.getSimpleName();
  }

  /** {@code {"$ref": "#/components/schemas/NAME"}}. */
  static ObjectNode ref(String name) {
    return NODES.objectNode().put("$ref", "#/components/schemas/" + name);
  }

  /** The schema of a kind, marked with its group, version and kind; returns its name. */
  String addKind(ResourceType type) {
    String name = addRecord(type.type());
    schemas.get(name).set("x-kubernetes-group-version-kind", gvks(type.group(), type.version(), type.kind()));
    return name;
  }

  /** {@code <Kind>List}: apiVersion, items, kind, metadata (ListMeta); returns its name. */
  String addList(ResourceType type) {
    String item = addKind(type);
    String name = item + "List";
    ObjectNode schema = NODES.objectNode().put("type", "object");
    schema.putArray("required").add("items");
    ObjectNode properties = schema.putObject("properties");
    properties.set("apiVersion", scalar(String.class));
    properties.putObject("items").put("type", "array").set("items", ref(item));
    properties.set("kind", scalar(String.class));
    properties.set("metadata", ref(addRecord(ListMeta.class)));
    schema.set("x-kubernetes-group-version-kind", gvks(type.group(), type.version(), type.kind() + "List"));
    schemas.put(name, schema);
    return name;
  }

  /** The schema of a record and of every record it refers to; returns its name. */
  String addRecord(Class<?> record) {
    String name = name(record);
    if (schemas.containsKey(name)) {
      return name;
    }
    ObjectNode schema = NODES.objectNode().put("type", "object");
    // In place before the properties, so that a record referring to itself ends.
    schemas.put(name, schema);
    ObjectNode properties = NODES.objectNode();
    RecordTypes.properties(record).forEach((property, type) -> properties.set(property, property(type)));
    schema.set("properties", properties);
    if (record == Status.class) {
      schema.set("x-kubernetes-group-version-kind", gvks("", "v1", "Status"));
    }
    return name;
  }

  /** A schema written by hand: one the model has no record for. */
  void put(String name, ObjectNode schema) {
    schemas.put(name, schema);
  }

  ObjectNode toJson() {
    ObjectNode json = NODES.objectNode();
    schemas.forEach(json::set);
    return json;
  }

  /** The schema of a property of Java type {@code type}. */
  ObjectNode property(Type type) {
    return switch (RecordTypes.shape(type)) {
      case RECORD -> ref(addRecord(RecordTypes.rawClass(type)));
      case LIST -> {
        ObjectNode array = NODES.objectNode().put("type", "array");
        array.set("items", property(RecordTypes.elementType(type)));
        yield array;
      }
      case MAP -> {
        ObjectNode map = NODES.objectNode().put("type", "object");
        map.set("additionalProperties", property(RecordTypes.elementType(type)));
        yield map;
      }
      case ANY -> NODES.objectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
      case SCALAR -> scalar(RecordTypes.rawClass(type));
    };
  }

  private static ObjectNode scalar(Class<?> type) {
    ObjectNode schema = NODES.objectNode();
    if (type == IntOrString.class) {
      schema.put("x-kubernetes-int-or-string", true);
      ArrayNode anyOf = schema.putArray("anyOf");
      anyOf.addObject().put("type", "integer");
      anyOf.addObject().put("type", "string");
    } else if (type == Integer.class || type == int.class || type == Short.class || type == short.class
        || type == Byte.class || type == byte.class) {
      schema.put("type", "integer").put("format", "int32");
    } else if (type == Long.class || type == long.class || type == BigInteger.class) {
      schema.put("type", "integer").put("format", "int64");
    } else if (type == Boolean.class || type == boolean.class) {
      schema.put("type", "boolean");
    } else if (type == Double.class || type == double.class || type == BigDecimal.class) {
      schema.put("type", "number").put("format", "double");
    } else if (type == Float.class || type == float.class) {
      schema.put("type", "number").put("format", "float");
    } else if (type.isEnum()) {
      schema.put("type", "string");
      ArrayNode values = schema.putArray("enum");
      for (Object constant : type.getEnumConstants()) {
        values.add(((Enum<?>) constant).name());
      }
    } else {
      // Strings, timestamps, quantities.
      schema.put("type", "string");
    }
    return schema;
  }

  /** {@code [{"group": ..., "kind": ..., "version": ...}]}, as on a kind's schema. */
  private static ArrayNode gvks(String group, String version, String kind) {
    ArrayNode list = NODES.arrayNode();
    list.add(gvk(group, version, kind));
    return list;
  }

  /** {@code {"group": ..., "kind": ..., "version": ...}}, as on an operation. */
  static ObjectNode gvk(String group, String version, String kind) {
    return NODES.objectNode().put("group", group).put("kind", kind).put("version", version);
  }
}
