package dev.orca.control;

import dev.orca.model.ResourceType;
import dev.orca.model.Status;
import dev.orca.model.StatusDetails;
import dev.orca.store.ObjectKey;

/** The Status an entity answers a refused write with, worded as kube-apiserver words it. */
public final class Statuses {
  private Statuses() {}

  private static StatusDetails details(ObjectKey key) {
    return new StatusDetails(key.name(), key.type().group(), key.type().plural(), null, null, null);
  }

  public static Status notFound(ObjectKey key) {
    return Status.failure(404, "NotFound", key.type().plural() + " \"" + key.name() + "\" not found", details(key));
  }

  public static Status alreadyExists(ObjectKey key) {
    return Status.failure(409, "AlreadyExists", key.type().plural() + " \"" + key.name() + "\" already exists",
        details(key));
  }

  public static Status conflict(ObjectKey key) {
    return Status.failure(409, "Conflict", "Operation cannot be fulfilled on " + qualified(key.type()) + " \""
        + key.name() + "\": the object has been modified; please apply your changes to the latest version and try again",
        details(key));
  }

  public static Status preconditionFailed(ObjectKey key, String uid) {
    return Status.failure(409, "Conflict", "Operation cannot be fulfilled on " + qualified(key.type()) + " \""
        + key.name() + "\": Precondition failed: UID in precondition: " + uid + ", UID in object meta: ", details(key));
  }

  private static String qualified(ResourceType type) {
    return type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
  }
}
