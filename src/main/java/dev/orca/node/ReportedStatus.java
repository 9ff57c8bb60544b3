package dev.orca.node;

import dev.orca.model.Pod;
import dev.orca.model.PodStatus;
import java.util.Objects;

/**
 * What a pod's runner has told its Pod entity, and whether the read side shows it (kubelet's
 * status manager): a status is sent when it differs from the last one sent, and sent again when
 * the read side, on the agent's resync, shows something else — the report was lost (its entity's
 * member died with it in the mailbox) or overwritten.
 *
 * <p>Starts from the read side's status when the runner starts: after a restart of its agent (or of
 * the whole control plane) a pod whose adopted containers report what it already shows sends
 * nothing, so its entity is not woken. Not thread-safe: one runner owns it.
 */
final class ReportedStatus {
  /** The status last sent, or the read side's when the runner started; null: send the next one whatever it is. */
  private PodStatus lastSent;
  /**
   * The read side's pod last seen showing exactly {@link #lastSent}: the agent's resync hands over
   * the same object until the pod changes, and comparing its status field by field every 10 s for
   * every pod cost 4 % of the control plane's CPU at 150,000 pods. Forgotten whenever another
   * status is sent: that object then no longer shows what was last sent.
   */
  private Pod settled;

  ReportedStatus(PodStatus initial) {
    this.lastSent = initial;
  }

  /** Whether {@code status} is to be sent (it differs from the last one sent); if so, it is now the last one sent. */
  boolean toSend(PodStatus status) {
    if (status.equals(lastSent)) {
      return false;
    }
    lastSent = status;
    settled = null;
    return true;
  }

  /**
   * The read side shows {@code pod}: whether the current status is to be sent again because it
   * shows another. After true, the next {@link #toSend} sends whatever it is given.
   */
  boolean resendAfter(Pod pod) {
    if (pod == settled) {
      return false;
    }
    if (Objects.equals(pod.status(), lastSent)) {
      settled = pod;
      return false;
    }
    if (lastSent == null) {
      return false;
    }
    lastSent = null;
    return true;
  }
}
