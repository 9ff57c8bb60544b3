package dev.orca.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.pekko.cluster.MemberStatus;
import org.junit.jupiter.api.Test;

class MemberLivenessTest {

  @Test
  void aReachableMemberIsUpWhetherJoiningOrUp() {
    for (MemberStatus s : List.of(MemberStatus.joining(), MemberStatus.weaklyUp(), MemberStatus.up())) {
      assertEquals(MemberLiveness.UP, MemberLiveness.of(s, false), s.toString());
    }
  }

  @Test
  void aReachableMemberLeavingOrExitingIsLeaving() {
    assertEquals(MemberLiveness.LEAVING, MemberLiveness.of(MemberStatus.leaving(), false));
    assertEquals(MemberLiveness.LEAVING, MemberLiveness.of(MemberStatus.exiting(), false));
  }

  @Test
  void anUnreachableMemberNotDownedHoldsItsPods() {
    assertEquals(MemberLiveness.UNREACHABLE, MemberLiveness.of(MemberStatus.up(), true));
    assertEquals(MemberLiveness.UNREACHABLE, MemberLiveness.of(MemberStatus.leaving(), true));
    assertEquals(MemberLiveness.UNREACHABLE, MemberLiveness.of(MemberStatus.exiting(), true));
  }

  @Test
  void aDownedOrRemovedMemberIsGoneReachableOrNot() {
    for (boolean unreachable : new boolean[] {false, true}) {
      assertEquals(MemberLiveness.GONE, MemberLiveness.of(MemberStatus.down(), unreachable));
      assertEquals(MemberLiveness.GONE, MemberLiveness.of(MemberStatus.removed(), unreachable));
    }
  }

  @Test
  void noMemberOrNoAnnotationIsUnknown() {
    assertEquals(MemberLiveness.UNKNOWN, MemberLiveness.of(null, false));
    assertEquals(MemberLiveness.UNKNOWN, MemberLiveness.of("pekko://orca@127.0.0.1:1", List.of(), List.of()));
    assertEquals(MemberLiveness.UNKNOWN, MemberLiveness.of(null, List.of(), List.of()));
  }
}
