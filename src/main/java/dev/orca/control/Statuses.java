package dev.orca.control;

import dev.orca.model.ResourceType;
import dev.orca.model.Status;
import dev.orca.model.StatusCause;
import dev.orca.model.StatusDetails;
import dev.orca.store.ObjectKey;
import java.util.List;

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

  /** 422 Invalid with one cause per field, message as kube-apiserver renders it. */
  public static Status invalid(ObjectKey key, List<StatusCause> causes) {
    String kind = key.type().group().isEmpty() ? key.type().kind() : key.type().kind() + "." + key.type().group();
    StringBuilder message = new StringBuilder(kind + " \"" + key.name() + "\" is invalid: ");
    if (causes.size() == 1) {
      message.append(causes.get(0).message());
    } else {
      message.append('[');
      for (int i = 0; i < causes.size(); i++) {
        message.append(i == 0 ? "" : ", ").append(causes.get(i).message());
      }
      message.append(']');
    }
    StatusDetails details = new StatusDetails(key.name(), key.type().group(), key.type().kind(), null, causes, null);
    return Status.failure(422, "Invalid", message.toString(), details);
  }

  private static String qualified(ResourceType type) {
    return type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
  }
}
