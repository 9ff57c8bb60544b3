package dev.orca.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orca.control.MemberLiveness;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class NodeClaimTest {
  private static final String PREFIX = "orca-1-sim-";
  private static final String SELF = "pekko://orca@127.0.0.1:25521";
  private static final String PEER = "pekko://orca@127.0.0.1:25522";

  private static NodeClaim claim(Map<String, String> annotations, MemberLiveness peer) {
    Function<String, MemberLiveness> liveness = address -> address.equals(PEER) ? peer : MemberLiveness.UNKNOWN;
    return NodeClaim.of(annotations, PREFIX, SELF, liveness);
  }

  @Test
  void aNodeThatNamesNoWorkerIsClaimed() {
    assertEquals(NodeClaim.CLAIM, claim(Map.of(WorkerNodes.ANNOTATION, "true"), MemberLiveness.UP));
  }

  @Test
  void aNodeThatNamesThisWorkerRunsHere() {
    assertEquals(NodeClaim.RUN, claim(Map.of(WorkerNodes.OWNER_ANNOTATION, PREFIX, "orca.dev/member", SELF),
        MemberLiveness.UP));
  }

  @Test
  void aNodeThatNamesAnotherWorkerIsLeftToItDeadOrAlive() {
    for (MemberLiveness peer : MemberLiveness.values()) {
      assertEquals(NodeClaim.ELSEWHERE, claim(Map.of(WorkerNodes.OWNER_ANNOTATION, "orca-2-sim-", "orca.dev/member", PEER),
          peer), peer.toString());
    }
  }

  @Test
  void aNodeOfThisPrefixIsClaimedWhenItsMemberIsGoneOrNotNamed() {
    Map<String, String> previousIncarnation = Map.of(WorkerNodes.OWNER_ANNOTATION, PREFIX, "orca.dev/member", PEER);
    assertEquals(NodeClaim.CLAIM, claim(previousIncarnation, MemberLiveness.GONE));
    assertEquals(NodeClaim.CLAIM, claim(previousIncarnation, MemberLiveness.UNKNOWN));
    assertEquals(NodeClaim.CLAIM, claim(Map.of(WorkerNodes.OWNER_ANNOTATION, PREFIX), MemberLiveness.UP));
  }

  @Test
  void aNodeOfThisPrefixRunByAnotherLiveMemberIsLeftToIt() {
    Map<String, String> samePrefixElsewhere = Map.of(WorkerNodes.OWNER_ANNOTATION, PREFIX, "orca.dev/member", PEER);
    assertEquals(NodeClaim.ELSEWHERE, claim(samePrefixElsewhere, MemberLiveness.UP));
    assertEquals(NodeClaim.ELSEWHERE, claim(samePrefixElsewhere, MemberLiveness.UNREACHABLE));
  }
}
