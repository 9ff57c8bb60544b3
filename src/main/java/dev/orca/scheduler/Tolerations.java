package dev.orca.scheduler;

import dev.orca.model.Pod;
import dev.orca.model.Taint;
import dev.orca.model.Toleration;
import java.util.List;

/** Whether a pod's tolerations tolerate a taint, with Kubernetes' matching rules. */
final class Tolerations {
  private Tolerations() {}

  static boolean tolerates(Pod pod, Taint taint) {
    List<Toleration> tolerations = pod.spec() == null ? null : pod.spec().tolerations();
    if (tolerations == null) {
      return false;
    }
    for (Toleration t : tolerations) {
      if (tolerates(t, taint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * An empty effect matches every effect; an empty key with operator Exists matches every taint;
   * operator Exists ignores the value, Equal (the default) requires the same value.
   */
  static boolean tolerates(Toleration toleration, Taint taint) {
    if (!isEmpty(toleration.effect()) && !toleration.effect().equals(taint.effect())) {
      return false;
    }
    if (!isEmpty(toleration.key()) && !toleration.key().equals(taint.key())) {
      return false;
    }
    String operator = isEmpty(toleration.operator()) ? "Equal" : toleration.operator();
    return switch (operator) {
      case "Exists" -> true;
      case "Equal" -> nullToEmpty(toleration.value()).equals(nullToEmpty(taint.value()));
      default -> false;
    };
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
