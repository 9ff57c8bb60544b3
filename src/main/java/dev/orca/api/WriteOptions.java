package dev.orca.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.http.javadsl.model.Query;

/**
 * The query options of a write: {@code dryRun=All} (check, answer, persist nothing), the field
 * manager, and {@code fieldValidation} (Strict rejects unknown fields; Warn collects them into
 * {@link #warnings()}, which the response carries as Warning headers).
 */
record WriteOptions(boolean dryRun, String fieldManager, FieldValidation fieldValidation, List<String> warnings) {

  /** kube-apiserver's default field manager: the User-Agent up to its first '/'. */
  static String managerFromUserAgent(String userAgent) {
    String prefix = userAgent.split("/", 2)[0].trim();
    return prefix.isEmpty() ? "unknown" : prefix.length() > 128 ? prefix.substring(0, 128) : prefix;
  }

  /** @param optionsKind CreateOptions, UpdateOptions or PatchOptions, for the error kube words */
  static WriteOptions from(Query query, String defaultManager, String optionsKind) {
    String dryRun = query.get("dryRun").orElse(null);
    if (dryRun != null && !dryRun.equals("All")) {
      throw ApiErrors.badRequest("Invalid dryRun value: " + dryRun + ", supported values: [All]");
    }
    FieldValidation validation = FieldValidation.parse(query.get(FieldValidation.PARAMETER).orElse(null), optionsKind);
    return new WriteOptions(dryRun != null, query.get("fieldManager").orElse(defaultManager), validation,
        new CopyOnWriteArrayList<>());
  }

  /** Checks a request body's fields: throws for Strict, remembers warnings for Warn. */
  void checkFields(dev.orca.model.ResourceType type, byte[] raw, com.fasterxml.jackson.databind.JsonNode parsed) {
    warnings.addAll(fieldValidation.check(type, raw, parsed));
  }

  /** Checks the fields of an object a patch produced. */
  void checkPatchedFields(dev.orca.model.ResourceType type, com.fasterxml.jackson.databind.JsonNode patched) {
    warnings.addAll(fieldValidation.checkPatched(type, patched));
  }
}
