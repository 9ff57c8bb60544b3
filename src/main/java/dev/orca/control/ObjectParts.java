package dev.orca.control;

import dev.orca.model.Deployment;
import dev.orca.model.KubeObject;
import dev.orca.model.Namespace;
import dev.orca.model.Node;
import dev.orca.model.Pod;
import dev.orca.model.ReplicaSet;
import java.util.Objects;

/** Spec and status of any kind, for the parts of the entity protocol that all kinds share. */
public final class ObjectParts {
  private ObjectParts() {}

  public static Object spec(KubeObject o) {
    if (o instanceof Pod p) {
      return p.spec();
    } else if (o instanceof ReplicaSet r) {
      return r.spec();
    } else if (o instanceof Deployment d) {
      return d.spec();
    } else if (o instanceof Node n) {
      return n.spec();
    } else if (o instanceof Namespace n) {
      return n.spec();
    }
    return null;
  }

  /** {@code target} with the status of {@code source} (both of one kind). */
  public static KubeObject withStatusOf(KubeObject target, KubeObject source) {
    if (target instanceof Pod p) {
      return p.withStatus(((Pod) source).status());
    } else if (target instanceof ReplicaSet r) {
      return r.withStatus(((ReplicaSet) source).status());
    } else if (target instanceof Deployment d) {
      return d.withStatus(((Deployment) source).status());
    } else if (target instanceof Node n) {
      return n.withStatus(((Node) source).status());
    } else if (target instanceof Namespace n) {
      return n.withStatus(((Namespace) source).status());
    }
    return target;
  }

  public static boolean sameSpec(KubeObject a, KubeObject b) {
    return Objects.equals(spec(a), spec(b));
  }
}
