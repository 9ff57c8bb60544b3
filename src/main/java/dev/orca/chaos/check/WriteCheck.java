package dev.orca.chaos.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pure check of a run's writes against the final state: given the generator's log and the
 * final listing of the kinds it wrote, every acknowledged write that is lost and every deleted
 * object that came back, each in the log's order. Writes whose outcome is unknown excuse what they might have done.
 *
 * <ul>
 *   <li><b>lost</b>: an acknowledged create/update/scale whose object (that uid) is gone although no
 *       delete of it was acknowledged or attempted after it; or is there with an older
 *       resourceVersion than the write's answer (rolled back); or no longer shows a field the write
 *       set, when no later write (acknowledged or of unknown outcome) set that field again.</li>
 *   <li><b>resurrected</b>: an object whose deletion was acknowledged is in the final listing with the
 *       same uid.</li>
 * </ul>
 */
public final class WriteCheck {
  private WriteCheck() {}

  /** One finding: which write, and what is wrong. */
  public record Violation(long seq, String key, String problem) {}

  public record Result(int acknowledged, int unknown, List<Violation> lost, List<Violation> resurrected) {
    public boolean clean() {
      return lost.isEmpty() && resurrected.isEmpty();
    }
  }

  public static Result check(List<WriteRecord> log, List<FinalObject> listing) {
    Map<String, FinalObject> byKey = new HashMap<>();
    Map<String, FinalObject> byUid = new HashMap<>();
    for (FinalObject o : listing) {
      byKey.put(o.key(), o);
      if (o.uid() != null) {
        byUid.put(o.uid(), o);
      }
    }
    Map<String, List<WriteRecord>> perKey = new TreeMap<>();
    for (WriteRecord w : log) {
      perKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w);
    }
    List<Violation> lost = new ArrayList<>();
    List<Violation> resurrected = new ArrayList<>();
    int acked = 0;
    int unknown = 0;
    for (List<WriteRecord> writes : perKey.values()) {
      writes.sort(Comparator.comparingLong(WriteRecord::seq));
      for (int i = 0; i < writes.size(); i++) {
        WriteRecord w = writes.get(i);
        if (w.outcome() == WriteRecord.Outcome.UNKNOWN) {
          unknown++;
        }
        if (w.outcome() != WriteRecord.Outcome.ACKED) {
          continue;
        }
        acked++;
        List<WriteRecord> later = writes.subList(i + 1, writes.size());
        if (w.deletes()) {
          FinalObject back = w.uid() == null ? null : byUid.get(w.uid());
          if (back != null) {
            resurrected.add(new Violation(w.seq(), w.key(), "deleted (acknowledged) but present again with uid " + w.uid()
                + " at resourceVersion " + back.resourceVersion()));
          }
          continue;
        }
        FinalObject now = w.uid() == null ? byKey.get(w.key()) : byUid.get(w.uid());
        if (now == null) {
          boolean deletedLater = later.stream().anyMatch(l -> l.deletes() && l.outcome() != WriteRecord.Outcome.REJECTED);
          if (!deletedLater) {
            lost.add(new Violation(w.seq(), w.key(), w.op() + " acknowledged at resourceVersion " + w.resourceVersion()
                + ", but the object" + (w.uid() == null ? "" : " (uid " + w.uid() + ")") + " is gone and no delete of it followed"));
          }
          continue;
        }
        if (now.resourceVersion() < w.resourceVersion()) {
          lost.add(new Violation(w.seq(), w.key(), w.op() + " acknowledged at resourceVersion " + w.resourceVersion()
              + ", but the object is back at " + now.resourceVersion()));
          continue;
        }
        for (Map.Entry<String, String> f : new TreeMap<>(w.fields()).entrySet()) {
          boolean setLater = later.stream().anyMatch(l -> l.outcome() != WriteRecord.Outcome.REJECTED
              && (l.deletes() || l.fields().containsKey(f.getKey())));
          if (!setLater) {
            String value = now.fields().get(f.getKey());
            if (!f.getValue().equals(value)) {
              lost.add(new Violation(w.seq(), w.key(), w.op() + " set " + f.getKey() + " = " + f.getValue()
                  + " (acknowledged at resourceVersion " + w.resourceVersion() + "), but it is " + value));
            }
          }
        }
      }
    }
    lost.sort(Comparator.comparingLong(Violation::seq));
    resurrected.sort(Comparator.comparingLong(Violation::seq));
    return new Result(acked, unknown, List.copyOf(lost), List.copyOf(resurrected));
  }

  /** The uids of acknowledged deletes: what must never be seen again (for a watch that looks during the run). */
  public static Set<String> deletedUids(List<WriteRecord> log) {
    Set<String> uids = new HashSet<>();
    for (WriteRecord w : log) {
      if (w.deletes() && w.outcome() == WriteRecord.Outcome.ACKED && w.uid() != null) {
        uids.add(w.uid());
      }
    }
    return uids;
  }
}
