package dev.orca.chaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.chaos.check.WriteRecord.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteCheckTest {
  private static WriteRecord w(long seq, String op, String name, Outcome outcome, String uid, long rv, Map<String, String> fields) {
    return new WriteRecord(seq, 1000 + seq, op, "Deployment", "chaos", name, outcome, uid, rv, fields);
  }

  private static FinalObject o(String name, String uid, long rv, Map<String, String> fields) {
    return new FinalObject("Deployment", "chaos", name, uid, rv, fields);
  }

  @Test
  void everyAcknowledgedWriteKeptIsClean() {
    List<WriteRecord> log = List.of(
        w(1, "create", "a", Outcome.ACKED, "u1", 10, Map.of("spec.replicas", "3")),
        w(2, "scale", "a", Outcome.ACKED, "u1", 14, Map.of("spec.replicas", "5")),
        w(3, "create", "b", Outcome.ACKED, "u2", 15, Map.of()),
        w(4, "delete", "b", Outcome.ACKED, "u2", 15, Map.of()),
        w(5, "create", "c", Outcome.REJECTED, null, 0, Map.of("spec.replicas", "1")));
    WriteCheck.Result r = WriteCheck.check(log, List.of(o("a", "u1", 30, Map.of("spec.replicas", "5"))));
    assertTrue(r.clean(), r.toString());
    assertEquals(4, r.acknowledged());
  }

  @Test
  void aVanishedObjectARollbackAndALostFieldAreLostWrites() {
    List<WriteRecord> log = List.of(
        w(1, "create", "gone", Outcome.ACKED, "u1", 10, Map.of()),
        w(2, "create", "old", Outcome.ACKED, "u2", 11, Map.of()),
        w(3, "update", "old", Outcome.ACKED, "u2", 20, Map.of("metadata.labels.v", "2")),
        w(4, "create", "field", Outcome.ACKED, "u3", 21, Map.of()),
        w(5, "scale", "field", Outcome.ACKED, "u3", 22, Map.of("spec.replicas", "7")));
    WriteCheck.Result r = WriteCheck.check(log, List.of(
        o("old", "u2", 12, Map.of("metadata.labels.v", "1")),
        o("field", "u3", 40, Map.of("spec.replicas", "2"))));
    assertEquals(List.of(1L, 3L, 5L), r.lost().stream().map(WriteCheck.Violation::seq).toList(), r.toString());
    assertTrue(r.lost().get(0).problem().contains("is gone"), r.lost().get(0).problem());
    assertTrue(r.lost().get(1).problem().contains("back at 12"), r.lost().get(1).problem());
    assertTrue(r.lost().get(2).problem().contains("spec.replicas = 7"), r.lost().get(2).problem());
    assertTrue(r.resurrected().isEmpty());
  }

  @Test
  void aFieldIsCheckedAgainstTheLastWriteThatSetIt() {
    List<WriteRecord> log = List.of(
        w(1, "create", "a", Outcome.ACKED, "u1", 10, Map.of("spec.replicas", "3", "mark", "1")),
        w(2, "scale", "a", Outcome.ACKED, "u1", 11, Map.of("spec.replicas", "4")),
        w(3, "scale", "a", Outcome.REJECTED, null, 0, Map.of("spec.replicas", "9")));
    WriteCheck.Result r = WriteCheck.check(log, List.of(o("a", "u1", 12, Map.of("spec.replicas", "4", "mark", "0"))));
    assertEquals(1, r.lost().size(), r.toString());
    assertEquals(1, r.lost().get(0).seq());
    assertTrue(r.lost().get(0).problem().contains("mark = 1"), r.lost().get(0).problem());
  }

  @Test
  void writesOfUnknownOutcomeExcuseWhatTheyMightHaveDone() {
    List<WriteRecord> log = List.of(
        w(1, "create", "a", Outcome.ACKED, "u1", 10, Map.of("spec.replicas", "3")),
        w(2, "delete", "a", Outcome.UNKNOWN, null, 0, Map.of()),
        w(3, "create", "b", Outcome.ACKED, "u2", 11, Map.of("spec.replicas", "3")),
        w(4, "scale", "b", Outcome.UNKNOWN, null, 0, Map.of("spec.replicas", "4")),
        w(5, "create", "c", Outcome.UNKNOWN, null, 0, Map.of()));
    WriteCheck.Result r = WriteCheck.check(log, List.of(o("b", "u2", 20, Map.of("spec.replicas", "4")),
        o("c", "u9", 21, Map.of())));
    assertTrue(r.clean(), r.toString());
    assertEquals(3, r.unknown());
  }

  @Test
  void aDeletedObjectBackWithItsUidIsResurrectedButARecreatedOneIsNot() {
    List<WriteRecord> log = List.of(
        w(1, "create", "zombie", Outcome.ACKED, "u1", 10, Map.of()),
        w(2, "delete", "zombie", Outcome.ACKED, "u1", 11, Map.of()),
        w(3, "create", "phoenix", Outcome.ACKED, "u2", 12, Map.of()),
        w(4, "delete", "phoenix", Outcome.ACKED, "u2", 13, Map.of()),
        w(5, "create", "phoenix", Outcome.ACKED, "u3", 14, Map.of()));
    WriteCheck.Result r = WriteCheck.check(log, List.of(o("zombie", "u1", 15, Map.of()), o("phoenix", "u3", 16, Map.of())));
    assertEquals(1, r.resurrected().size(), r.toString());
    assertEquals("Deployment/chaos/zombie", r.resurrected().get(0).key());
    assertTrue(r.lost().isEmpty(), r.toString());
    assertEquals(java.util.Set.of("u1", "u2"), WriteCheck.deletedUids(log));
  }

  @Test
  void theLogRoundTripsAndSurvivesACutLastLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("writes.jsonl");
    List<WriteRecord> records = List.of(
        w(1, "create", "a", Outcome.ACKED, "u1", 10, Map.of("spec.replicas", "3")),
        w(2, "delete", "a", Outcome.UNKNOWN, null, 0, Map.of()));
    try (WriteLog log = WriteLog.create(file)) {
      records.forEach(log::append);
    }
    assertEquals(records, WriteLog.read(file));
    Files.writeString(file, Files.readString(file) + "{\"seq\":3,\"op\":\"cre", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    assertEquals(records, WriteLog.read(file), "a line cut by a crash is left out");
  }
}
