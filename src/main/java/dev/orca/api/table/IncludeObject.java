package dev.orca.api.table;

/** What each row carries besides its cells: the {@code includeObject} query parameter. */
public enum IncludeObject {
  /** No object: {@code "object": null}. */
  NONE("None"),
  /** The object's metadata as a {@code PartialObjectMetadata}; kubectl's default. */
  METADATA("Metadata"),
  /** The whole object. */
  OBJECT("Object");

  private final String queryValue;

  IncludeObject(String queryValue) {
    this.queryValue = queryValue;
  }

  public String queryValue() {
    return queryValue;
  }

  /**
   * The policy a query value names; absent or empty means {@link #METADATA}. Values are
   * case-sensitive, as in kube.
   *
   * @throws IllegalArgumentException with kube's message ({@code unrecognized includeObject value: "x"})
   *     for any other value; answer it as 400 BadRequest
   */
  public static IncludeObject fromQuery(String value) {
    if (value == null || value.isEmpty()) {
      return METADATA;
    }
    for (IncludeObject policy : values()) {
      if (policy.queryValue.equals(value)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("unrecognized includeObject value: \"" + value + "\"");
  }
}
