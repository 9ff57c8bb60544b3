package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Objects and configurations for the apply tests. */
final class ApplyFixtures {
  static final Instant T0 = Instant.parse("2026-11-27T00:29:05Z");
  static final Instant T1 = Instant.parse("2026-11-27T00:29:10Z");
  static final Instant T2 = Instant.parse("2026-11-27T00:29:15Z");
  static final Instant T3 = Instant.parse("2026-11-27T00:29:20Z");

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ApplyFixtures() {}

  /** Parses JSON written with single quotes for readability. */
  @SuppressWarnings("unchecked")
  static <T extends JsonNode> T json(String text) {
    try {
      return (T) MAPPER.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode resource(String name) {
    try (InputStream in = ApplyFixtures.class.getResourceAsStream(name)) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Deployment kubectl applies in the wire log, with the given replicas and image. */
  static ObjectNode deployment(int replicas, String image) {
    return json("""
        {'apiVersion':'apps/v1','kind':'Deployment',
         'metadata':{'labels':{'app':'web'},'name':'web','namespace':'default'},
         'spec':{'replicas':%d,'selector':{'matchLabels':{'app':'web'}},
           'template':{'metadata':{'labels':{'app':'web'}},
             'spec':{'containers':[{'image':'%s','name':'nginx','ports':[{'containerPort':80}]}]}}}}
        """.formatted(replicas, image));
  }

  /** A configuration that only names the Deployment and sets {@code spec.replicas}. */
  static ObjectNode replicasOnly(int replicas) {
    return json("""
        {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','namespace':'default'},
         'spec':{'replicas':%d}}
        """.formatted(replicas));
  }

  /** What the store adds to a created object: server metadata, defaults and a status. */
  static ObjectNode stored(JsonNode created) {
    ObjectNode object = created.deepCopy();
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    metadata.put("uid", "486911f7-a3ad-46d4-8eb2-2ec9d89e5de4");
    metadata.put("creationTimestamp", "2026-11-27T00:29:05Z");
    metadata.put("generation", 1);
    metadata.put("resourceVersion", "1276");
    ObjectNode spec = (ObjectNode) object.get("spec");
    spec.put("revisionHistoryLimit", 10);
    spec.put("progressDeadlineSeconds", 600);
    object.set("status", json("{'observedGeneration':1,'replicas':3,'conditions':[{'type':'Available','status':'True'}]}"));
    return object;
  }

  static JsonNode applied(ApplyResult result) {
    if (result instanceof ApplyResult.Applied) {
      return ((ApplyResult.Applied) result).object();
    }
    throw new AssertionError("expected Applied, got " + result);
  }

  static ApplyResult.ApplyConflict conflict(ApplyResult result) {
    if (result instanceof ApplyResult.ApplyConflict) {
      return (ApplyResult.ApplyConflict) result;
    }
    throw new AssertionError("expected ApplyConflict, got " + result);
  }

  static ManagedFieldsEntry entry(JsonNode object, String manager, String operation) {
    return ManagedFields.read(object).stream()
        .filter(e -> e.manager().equals(manager) && e.operation().equals(operation))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + operation + " entry for " + manager + " in "
            + object.path("metadata").path("managedFields")));
  }

  static boolean owns(JsonNode object, String manager, String operation, Path path) {
    return ManagedFields.read(object).stream()
        .anyMatch(e -> e.manager().equals(manager) && e.operation().equals(operation) && e.fields().contains(path));
  }
}
