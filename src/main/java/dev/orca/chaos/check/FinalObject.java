package dev.orca.chaos.check;

import java.util.Map;

/**
 * An object as the final listing shows it, after the run has recovered: identity, resourceVersion
 * and the values of the fields the log's writes set ({@code fields}: path → value as text; a path
 * the object lacks is absent).
 */
public record FinalObject(String kind, String namespace, String name, String uid, long resourceVersion,
    Map<String, String> fields) {
  public FinalObject {
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  public String key() {
    return kind + "/" + namespace + "/" + name;
  }
}
