package dev.orca.api.apply;

/**
 * Which fields a write through the main resource or through the status subresource can own.
 * Neither ever owns kube's "strip" set (apiVersion, kind, and the metadata the server keeps:
 * name, namespace, uid, resourceVersion, generation, creationTimestamp, selfLink, clusterName,
 * managedFields). The main resource never owns {@code status}, which belongs to controllers; the
 * status subresource owns only {@code status}.
 */
enum Scope {
  MAIN,
  STATUS;

  static final Path STATUS_PATH = Path.fields("status");
  private static final Path MANAGED_FIELDS = Path.fields("metadata", "managedFields");

  private static final FieldSet NEVER_OWNED = FieldSet.of(
      Path.fields("apiVersion"),
      Path.fields("kind"),
      Path.fields("metadata"),
      Path.fields("metadata", "name"),
      Path.fields("metadata", "namespace"),
      Path.fields("metadata", "creationTimestamp"),
      Path.fields("metadata", "selfLink"),
      Path.fields("metadata", "uid"),
      Path.fields("metadata", "clusterName"),
      Path.fields("metadata", "generation"),
      Path.fields("metadata", "managedFields"),
      Path.fields("metadata", "resourceVersion"));

  /** The scope of a subresource; {@code null} is the main resource, {@code scale} writes main fields. */
  static Scope of(String subresource) {
    return "status".equals(subresource) ? STATUS : MAIN;
  }

  FieldSet ownable(FieldSet fields) {
    FieldSet kept = this == MAIN
        ? fields.withoutPrefix(STATUS_PATH)
        : fields.onlyPrefix(STATUS_PATH).difference(FieldSet.of(STATUS_PATH));
    return kept.difference(NEVER_OWNED).filter(p -> !p.startsWith(MANAGED_FIELDS));
  }

  Comparison ownable(Comparison comparison) {
    return comparison.map(this::ownable);
  }
}
