package dev.orca.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.Container;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.PodCondition;
import dev.orca.model.PodSpec;
import dev.orca.model.PodStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportedStatusTest {
  private static final Pod POD = new Pod(Pod.API_VERSION, Pod.KIND, ObjectMeta.named("default", "web"),
      new PodSpec(List.of(new Container("web", "web:1", null, null, null, null, null, null, null, null, null, null)),
          "node-1", null, null, null, "Always", null, null, null), null);

  private static PodStatus ready(boolean ready) {
    return new PodStatus("Running", List.of(new PodCondition("Ready", ready ? "True" : "False", null, null, null, null)),
        null, null, "10.0.0.1", "10.1.0.5", null, List.of());
  }

  @Test
  void sendsOnlyWhatDiffersFromTheLastSent() {
    ReportedStatus reported = new ReportedStatus(ready(false));
    assertFalse(reported.toSend(ready(false)), "what the read side showed at the start");
    assertTrue(reported.toSend(ready(true)));
    assertFalse(reported.toSend(ready(true)));
  }

  @Test
  void aReadSideThatShowsTheLastSentAsksNothing() {
    ReportedStatus reported = new ReportedStatus(ready(false));
    assertTrue(reported.toSend(ready(true)));
    Pod shown = POD.withStatus(ready(true));
    assertFalse(reported.resendAfter(shown));
    assertFalse(reported.resendAfter(shown), "the same object again");
  }

  /**
   * The chaos smoke run that left a Deployment two pods short for good: a crashed container's status
   * reached the read side (and the resync settled on that pod object); the container ran again, its
   * Ready report went to a member killed a moment later; and every resync after handed over the very
   * object that had shown the crash, so the Ready report was never sent again.
   */
  @Test
  void aReportLostAfterTheReadSideSettledIsSentAgainOnTheNextResync() {
    ReportedStatus reported = new ReportedStatus(ready(true));
    assertTrue(reported.toSend(ready(false)), "the crash");
    Pod showsCrash = POD.withStatus(ready(false));
    assertFalse(reported.resendAfter(showsCrash), "the read side shows the crash");
    assertTrue(reported.toSend(ready(true)), "running again: this report is lost");
    assertTrue(reported.resendAfter(showsCrash), "the read side still shows the crash: send again");
    assertTrue(reported.toSend(ready(true)), "whatever the status is now");
    assertFalse(reported.resendAfter(POD.withStatus(ready(true))), "and once it shows it, nothing more");
  }
}
