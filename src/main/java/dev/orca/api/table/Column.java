package dev.orca.api.table;

/**
 * One {@code columnDefinitions} entry of a Table.
 *
 * @param type an OpenAPI type: {@code string}, {@code integer}, {@code date}…
 * @param format {@code name} on the column that names the object, else empty
 * @param priority 0 for the columns kubectl always shows, 1 for those only {@code -o wide} shows
 */
public record Column(String name, String type, String format, String description, int priority) {
  /** A string column every {@code kubectl get} shows. */
  static Column string(String name, String description) {
    return new Column(name, "string", "", description, 0);
  }

  /** A string column only {@code -o wide} shows. */
  static Column wide(String name, String description) {
    return new Column(name, "string", "", description, 1);
  }

  static Column integer(String name, String description) {
    return new Column(name, "integer", "", description, 0);
  }

  /** The object's name, which kubectl prefixes with the kind for {@code -o name}-like output. */
  static Column nameColumn() {
    return new Column("Name", "string", "name", Descriptions.NAME, 0);
  }

  /** The object's age, from metadata.creationTimestamp. */
  static Column ageColumn() {
    return string("Age", Descriptions.CREATION_TIMESTAMP);
  }
}
