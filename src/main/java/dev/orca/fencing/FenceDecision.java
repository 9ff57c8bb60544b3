package dev.orca.fencing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a fencer must do before shards may start anywhere: pure, from the writers in the database
 * and this member's view of the cluster.
 *
 * <p>A writer is fenced when the cluster has lost it (its member is Down or removed) or when its
 * lease ran out and its member is not a live member. A live member whose lease ran out (the
 * database was down for everyone) is left alone: it renews once it can. A fenced writer is
 * flushed (its sessions ended, its transactions waited out) and waited for until its lease ends,
 * because until then its JVM may still count itself as holding it. Only then are shards safe
 * to start: the decision is {@link Decision#settled() settled}.
 */
public final class FenceDecision {
  private FenceDecision() {}

  /** One row of orca_writer; {@code remainingMillis} ≤ 0 once its lease has run out. */
  public record Writer(long id, String name, String member, String address, long uid, boolean fenced, boolean flushed,
      long remainingMillis) {
    boolean expired() {
      return remainingMillis <= 0;
    }
  }

  /** The cluster member a writer belongs to. */
  public record Incarnation(String address, long uid) {
    static Incarnation of(Writer w) {
      return new Incarnation(w.address(), w.uid());
    }
  }

  /** Writers to fence now (with why), writers to flush, and how long until the last fenced lease ends. */
  public record Decision(List<Writer> fence, List<String> reasons, List<Writer> flush, long waitMillis) {
    public boolean settled() {
      return fence.isEmpty() && flush.isEmpty() && waitMillis <= 0;
    }
  }

  public static Decision decide(Collection<Writer> writers, Predicate<Incarnation> live, Predicate<Incarnation> gone) {
    List<Writer> fence = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    List<Writer> flush = new ArrayList<>();
    long wait = 0;
    for (Writer w : writers) {
      if (!w.fenced()) {
        Incarnation who = Incarnation.of(w);
        if (gone.test(who)) {
          fence.add(w);
          reasons.add("member " + w.member() + " was downed or removed");
        } else if (w.expired() && !live.test(who)) {
          fence.add(w);
          reasons.add("lease of " + w.member() + " ran out and it is not a live member");
        } else {
          continue;
        }
      }
      if (!w.flushed()) {
        flush.add(w);
      }
      wait = Math.max(wait, w.remainingMillis());
    }
    return new Decision(fence, reasons, flush, wait);
  }
}
