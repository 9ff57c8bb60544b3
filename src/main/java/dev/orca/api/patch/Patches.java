package dev.orca.api.patch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * A PATCH request's body applied to the object it names, by its Content-Type, as kube-apiserver's
 * patch handler does (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go).
 *
 * <p>Server-side apply ({@value #APPLY_PATCH}) is not a patch this class applies: route it elsewhere
 * before calling {@link #apply}; {@link #handles} tells.
 */
public final class Patches {
  public static final String JSON_PATCH = "application/json-patch+json";
  public static final String MERGE_PATCH = "application/merge-patch+json";
  public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  public static final String APPLY_PATCH = "application/apply-patch+yaml";

  /** What kube-apiserver accepts on PATCH of a built-in resource, in the order its 415 lists them. */
  public static final List<String> ACCEPTED = List.of(JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH);

  /** What it accepts for a custom resource, whose Go type (hence strategy tags) it does not know. */
  public static final List<String> ACCEPTED_WITHOUT_SCHEMA = List.of(JSON_PATCH, MERGE_PATCH, APPLY_PATCH);

  /** kube-apiserver's limit on the operations of one JSON patch ({@code maxJSONPatchOperations}). */
  public static final int MAX_JSON_PATCH_OPERATIONS = 10_000;

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Patches() {}

  /** The media type of a Content-Type header: parameters ({@code ; charset=utf-8}) dropped, lower case. */
  public static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** Whether {@link #apply} applies patches of this Content-Type (JSON, merge and strategic merge patches). */
  public static boolean handles(String contentType) {
    String type = mediaType(contentType);
    return type.equals(JSON_PATCH) || type.equals(MERGE_PATCH) || type.equals(STRATEGIC_MERGE_PATCH);
  }

  /**
   * Applies a PATCH body to {@code original}, which is not changed.
   *
   * @param contentType the request's Content-Type header (parameters are ignored)
   * @param original the object as stored, as JSON
   * @param patchBody the request body
   * @param kind the object's kind, which picks the {@link PatchSchema} of a strategic merge patch
   * @return the patched object
   * @throws PatchException 415 for a Content-Type that is no patch type (or a strategic merge patch of
   *     a kind without a schema), 400 for a body that does not decode as one, 413 for a JSON patch of
   *     more than {@value #MAX_JSON_PATCH_OPERATIONS} operations, 422 for one that does not apply
   * @throws IllegalArgumentException for {@value #APPLY_PATCH}, which is not for this class
   */
  public static JsonNode apply(String contentType, JsonNode original, byte[] patchBody, String kind) {
    String type = mediaType(contentType);
    switch (type) {
      case JSON_PATCH:
        return jsonPatch(original, patchBody);
      case MERGE_PATCH:
        return mergePatch(original, patchBody);
      case STRATEGIC_MERGE_PATCH:
        return strategicMergePatch(original, patchBody, kind);
      case APPLY_PATCH:
        throw new IllegalArgumentException(APPLY_PATCH + " is server-side apply, which Patches does not do");
      default:
        throw PatchException.unsupportedMediaType(ACCEPTED);
    }
  }

  private static JsonNode jsonPatch(JsonNode original, byte[] body) {
    JsonNode patch = parse(body, "error decoding patch: ");
    JsonPatch.checkShape(patch);
    if (patch.size() > MAX_JSON_PATCH_OPERATIONS) {
      throw PatchException.tooLarge("The allowed maximum operations in a JSON patch is "
          + MAX_JSON_PATCH_OPERATIONS + ", got " + patch.size());
    }
    return JsonPatch.apply(original, patch);
  }

  private static JsonNode mergePatch(JsonNode original, byte[] body) {
    JsonNode patch = parse(body, "error decoding patch: ");
    if (patch.isNull()) {
      patch = MAPPER.createObjectNode(); // JSON null decodes to an empty patch
    }
    if (!patch.isObject()) {
      // kube decodes a merge patch into a map before applying it, so only an object passes
      throw PatchException.invalid("error decoding patch: json: cannot unmarshal " + JsonValues.goKind(patch)
          + " into Go value of type map[string]interface {}");
    }
    return JsonMergePatch.apply(original, patch);
  }

  private static JsonNode strategicMergePatch(JsonNode original, byte[] body, String kind) {
    PatchSchema schema = PatchSchema.lookup(kind)
        .orElseThrow(() -> PatchException.unsupportedMediaType(ACCEPTED_WITHOUT_SCHEMA));
    return StrategicMergePatch.apply(original, parse(body, ""), schema);
  }

  /** One JSON value; an empty or malformed body is 400, its message prefixed as kube prefixes it. */
  private static JsonNode parse(byte[] body, String prefix) {
    if (body == null || isBlank(body)) {
      throw PatchException.invalid(prefix + "unexpected end of JSON input");
    }
    try (JsonParser parser = MAPPER.createParser(body)) {
      JsonNode node = MAPPER.readTree(parser);
      if (node == null || node.isMissingNode()) {
        throw PatchException.invalid(prefix + "unexpected end of JSON input");
      }
      if (parser.nextToken() != null) {
        throw PatchException.invalid(prefix + "invalid character after top-level value" + at(parser.currentTokenLocation()));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw PatchException.invalid(prefix + problem(e) + at(e.getLocation()));
    } catch (IOException e) {
      throw PatchException.invalid(prefix + e.getMessage());
    }
  }

  private static String problem(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "malformed JSON";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }

  private static String at(JsonLocation where) {
    return where == null || where.getLineNr() < 1 ? ""
        : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
