package dev.orca.api;

import org.apache.pekko.http.javadsl.model.Query;

/** The query options of a write: {@code dryRun=All} (check, answer, persist nothing) and the field manager. */
record WriteOptions(boolean dryRun, String fieldManager) {

  /** kube-apiserver's default field manager: the User-Agent up to its first '/'. */
  static String managerFromUserAgent(String userAgent) {
    String prefix = userAgent.split("/", 2)[0].trim();
    return prefix.isEmpty() ? "unknown" : prefix.length() > 128 ? prefix.substring(0, 128) : prefix;
  }

  static WriteOptions from(Query query, String defaultManager) {
    String dryRun = query.get("dryRun").orElse(null);
    if (dryRun != null && !dryRun.equals("All")) {
      throw ApiErrors.badRequest("Invalid dryRun value: " + dryRun + ", supported values: [All]");
    }
    return new WriteOptions(dryRun != null, query.get("fieldManager").orElse(defaultManager));
  }
}
