package dev.orca.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bridge kube keeps between client-side apply (the {@code last-applied-configuration}
 * annotation) and server-side apply, for the manager {@code kubectl} only:
 * <ul>
 *   <li>fields the annotation sets to the live value count as kubectl's, so that moving a
 *       client-side applied object to {@code apply --server-side} does not conflict with
 *       {@code kubectl-client-side-apply} over them (apimachinery {@code lastappliedmanager.go});
 *   <li>after a server-side apply, an annotation already present is rewritten to the applied
 *       configuration ({@code lastappliedupdater.go}).
 * </ul>
 */
final class LastApplied {
  static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
  static final String KUBECTL = "kubectl";

  private LastApplied() {}

  /**
   * The fields the annotation of {@code live} sets to the values {@code live} has; empty when
   * there is no usable annotation or it was written for another apiVersion.
   */
  static FieldSet agreeingFields(JsonNode live, String apiVersion, ListKeys keys) {
    String text = annotation(live);
    if (text == null) {
      return FieldSet.empty();
    }
    JsonNode lastApplied;
    try {
      lastApplied = Values.read(text);
    } catch (IllegalArgumentException e) {
      return FieldSet.empty();
    }
    if (!lastApplied.isObject() || !apiVersion.equals(lastApplied.path("apiVersion").asText(null))) {
      return FieldSet.empty();
    }
    try {
      Comparison diff = Comparison.of(lastApplied, live, keys);
      return FieldSet.of(lastApplied, keys)
          .difference(diff.modified()).difference(diff.added()).difference(diff.removed());
    } catch (IllegalArgumentException e) {
      return FieldSet.empty();
    }
  }

  /** {@code object} with its annotation, if it has one, set to {@code applied} without that annotation. */
  static JsonNode sync(JsonNode object, JsonNode applied) {
    if (annotation(object) == null) {
      return object;
    }
    ObjectNode config = applied.deepCopy();
    JsonNode annotations = config.path("metadata").get("annotations");
    if (annotations != null && annotations.isObject()) {
      ((ObjectNode) annotations).remove(ANNOTATION);
    }
    ObjectNode copy = object.deepCopy();
    ((ObjectNode) copy.get("metadata").get("annotations")).put(ANNOTATION, encode(config));
    return copy;
  }

  /** As Go's encoding/json writes it: keys sorted, HTML characters escaped, a final newline. */
  static String encode(JsonNode config) {
    return Values.write(Values.sortedKeys(config))
        .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n";
  }

  private static String annotation(JsonNode object) {
    JsonNode value = object.path("metadata").path("annotations").get(ANNOTATION);
    return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
  }
}
