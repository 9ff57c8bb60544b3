package dev.orca.api.table;

/** The versions of {@code meta.k8s.io} a Table is served in. */
public enum TableVersion {
  V1("v1"),
  V1BETA1("v1beta1");

  public static final String GROUP = "meta.k8s.io";

  private final String version;

  TableVersion(String version) {
    this.version = version;
  }

  /** {@code v1} or {@code v1beta1}. */
  public String version() {
    return version;
  }

  /** {@code meta.k8s.io/v1}: the Table's and its rows' PartialObjectMetadata's apiVersion. */
  public String apiVersion() {
    return GROUP + "/" + version;
  }

  /** The version a media-type parameter {@code v=} names, or null. */
  static TableVersion of(String version) {
    for (TableVersion v : values()) {
      if (v.version.equals(version)) {
        return v;
      }
    }
    return null;
  }
}
