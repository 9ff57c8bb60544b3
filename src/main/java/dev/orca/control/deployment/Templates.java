package dev.orca.control.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.model.Json;
import dev.orca.model.ObjectMeta;
import dev.orca.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pod templates as a Deployment compares and labels them. */
public final class Templates {
  /** The label that ties a ReplicaSet and its pods to one template of a Deployment. */
  public static final String POD_TEMPLATE_HASH = "pod-template-hash";

  private Templates() {}

  /**
   * Whether two templates are the same apart from the {@code pod-template-hash} label (a
   * ReplicaSet's template carries it, the Deployment's does not). Absent and empty fields are
   * the same.
   */
  public static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
    return canonical(withoutHash(a)).equals(canonical(withoutHash(b)));
  }

  /** A copy of the template with the hash label added. */
  public static PodTemplateSpec withHash(PodTemplateSpec template, String hash) {
    ObjectMeta meta = template.metadata() == null ? ObjectMeta.named(null, null) : template.metadata();
    return new PodTemplateSpec(meta.withLabels(withLabel(meta.labels(), POD_TEMPLATE_HASH, hash)), template.spec());
  }

  /** A copy of the template without the hash label. */
  public static PodTemplateSpec withoutHash(PodTemplateSpec template) {
    if (template == null || template.metadata() == null || template.metadata().labels() == null
        || !template.metadata().labels().containsKey(POD_TEMPLATE_HASH)) {
      return template;
    }
    Map<String, String> labels = new LinkedHashMap<>(template.metadata().labels());
    labels.remove(POD_TEMPLATE_HASH);
    return new PodTemplateSpec(template.metadata().withLabels(labels), template.spec());
  }

  /** A copy of the labels (null = none) with one more. */
  static Map<String, String> withLabel(Map<String, String> labels, String key, String value) {
    Map<String, String> copy = labels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(labels);
    copy.put(key, value);
    return copy;
  }

  /**
   * The canonical JSON of a template: object keys sorted, null and empty values left out, so the
   * same template always gives the same bytes.
   */
  static byte[] canonicalJson(PodTemplateSpec template) {
    try {
      return Json.mapper().writeValueAsString(canonical(template)).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("pod template cannot be written as JSON", e);
    }
  }

  private static JsonNode canonical(PodTemplateSpec template) {
    JsonNode tree = template == null ? JsonNodeFactory.instance.objectNode() : Json.mapper().valueToTree(template);
    JsonNode pruned = prune(tree);
    return pruned == null ? JsonNodeFactory.instance.objectNode() : pruned;
  }

  /** Sorted keys, without nulls and empty objects/arrays; null when nothing remains. */
  private static JsonNode prune(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      Collections.sort(names);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        JsonNode value = prune(node.get(name));
        if (value != null) {
          out.set(name, value);
        }
      }
      return out.isEmpty() ? null : out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : node) {
        JsonNode value = prune(element);
        out.add(value == null ? JsonNodeFactory.instance.nullNode() : value);
      }
      return out.isEmpty() ? null : out;
    }
    return node;
  }
}
