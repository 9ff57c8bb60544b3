package dev.orca.model;

/** The resource type of an object, found by its record class, which unlike its kind field is never missing. */
final class Kinds {
  private Kinds() {}

  static ResourceType of(KubeObject object) {
    for (ResourceType type : ResourceType.values()) {
      if (type.type().isInstance(object)) {
        return type;
      }
    }
    throw new IllegalArgumentException("no resource type for " + object.getClass().getName());
  }
}
