package dev.orca.api;

import dev.orca.model.Status;
import dev.orca.model.StatusCause;
import dev.orca.model.StatusDetails;
import java.util.List;

/**
 * A list's {@code resourceVersion} and {@code resourceVersionMatch}, checked against the version the
 * watch cache can serve (it keeps only the newest state): unset or "0" is any; NotOlderThan is
 * served if the cache is at least that new; Exact only if the cache is exactly there. Pure.
 */
final class ListVersion {
  private ListVersion() {}

  static void check(String resourceVersion, String match, long current) {
    boolean hasVersion = resourceVersion != null && !resourceVersion.isEmpty();
    if (match == null || match.isEmpty()) {
      return;
    }
    if (!match.equals("Exact") && !match.equals("NotOlderThan")) {
      throw invalid("resourceVersionMatch", "FieldValueNotSupported", "resourceVersionMatch: Unsupported value: \""
          + match + "\": supported values: \"Exact\", \"NotOlderThan\"");
    }
    if (!hasVersion) {
      throw invalid("resourceVersionMatch", "FieldValueForbidden",
          "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
    }
    long requested;
    try {
      requested = Long.parseLong(resourceVersion);
    } catch (NumberFormatException e) {
      throw ApiErrors.badRequest("invalid resourceVersion: " + resourceVersion);
    }
    if (match.equals("Exact") && requested == 0) {
      throw invalid("resourceVersionMatch", "FieldValueForbidden",
          "resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
    }
    if (requested > current) {
      throw ApiErrors.timeout("Too large resource version: " + requested + ", current: " + current, 1);
    }
    if (match.equals("Exact") && requested != current) {
      throw ApiErrors.tooOldResourceVersion(requested, current);
    }
  }

  private static ApiException invalid(String field, String reason, String message) {
    return new ApiException(Status.failure(422, "Invalid", "ListOptions.meta.k8s.io \"\" is invalid: " + message,
        new StatusDetails("", "meta.k8s.io", "ListOptions", null, List.of(new StatusCause(reason, message, field)), null)));
  }
}
