package dev.orca.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ControllerCountsTest {
  /** A uid as a pod read from JSON carries it: equal to, not the same string as, any other copy. */
  private static String copyOf(String uid) {
    return new String(uid.toCharArray());
  }

  @Test
  void countsByControllerWhateverStringTheUidArrivesIn() {
    String rs1 = "0d7c6c1e-1111-4a4a-9b9b-000000000001";
    String rs2 = "0d7c6c1e-2222-4a4a-9b9b-000000000002";
    ControllerCounts counts = ControllerCounts.NONE
        .plus(ControllerCounts.key(copyOf(rs1)), 1)
        .plus(ControllerCounts.key(copyOf(rs2)), 1)
        .plus(ControllerCounts.key(copyOf(rs1)), 1);
    assertEquals(2, counts.of(ControllerCounts.key(copyOf(rs1))));
    assertEquals(1, counts.of(ControllerCounts.key(copyOf(rs2))));
    assertEquals(0, counts.of(ControllerCounts.key("another")));
  }

  @Test
  void aControllerWhosePodsAllLeftIsForgottenAndTheOthersKept() {
    String a = ControllerCounts.key("a-uid");
    String b = ControllerCounts.key("b-uid");
    String c = ControllerCounts.key("c-uid");
    ControllerCounts counts = ControllerCounts.NONE.plus(a, 1).plus(b, 2).plus(c, 3).plus(b, -2);
    assertEquals(1, counts.of(a));
    assertEquals(0, counts.of(b));
    assertEquals(3, counts.of(c));
    assertEquals(4, counts.plus(b, 4).of(b), "back after it left");
    assertEquals(counts.of(a), counts.plus(ControllerCounts.key("never-counted"), -1).of(a),
        "taking away what was never counted changes nothing");
  }

  @Test
  void aCopyLeavesTheOriginalAsItWas() {
    String a = ControllerCounts.key("a-uid");
    ControllerCounts one = ControllerCounts.NONE.plus(a, 1);
    ControllerCounts two = one.plus(a, 1);
    assertEquals(1, one.of(a));
    assertEquals(2, two.of(a));
  }
}
