package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.chaos.check.FinalObject;
import dev.orca.chaos.check.ObjectFields;
import dev.orca.chaos.check.WriteCheck;
import dev.orca.chaos.check.WriteLog;
import dev.orca.chaos.check.WriteRecord;
import dev.orca.chaos.scenario.WorkloadSpec;
import dev.orca.chaos.workload.WorkloadWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chaos writer against a real API, no faults: every acknowledged write is found, the check is clean. */
class WorkloadWriterTest {
  @Test
  void aFaultFreeRunChecksClean() throws Exception {
    Path dir = Files.createTempDirectory("orca-writes-");
    try (TestOrca orca = TestOrca.startReady(1)) {
      assertEquals(201, orca.api.post("/api/v1/namespaces",
          "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"chaos\"}}").code());
      WorkloadSpec spec = new WorkloadSpec("chaos", 0, 2, 1, 0,
          Map.of("create", 2, "scale", 2, "update", 2, "delete", 1), Duration.ofMillis(500));
      Path file = dir.resolve("writes.jsonl");
      try (WriteLog log = WriteLog.create(file)) {
        WorkloadWriter writer = new WorkloadWriter("http://127.0.0.1:" + orca.orca.port(), spec, 11, log, Duration.ofSeconds(10));
        for (int i = 0; i < 40; i++) {
          writer.writeOnce();
        }
      }
      List<WriteRecord> writes = WriteLog.read(file);
      assertEquals(40, writes.size());
      Set<String> deleted = WriteCheck.deletedUids(writes);
      List<JsonNode> items = ApiClient.await("deleted Deployments gone", Duration.ofSeconds(60),
          () -> ApiClient.items(orca.api.getJson("/apis/apps/v1/namespaces/chaos/deployments")),
          list -> list.stream().noneMatch(d -> deleted.contains(d.path("metadata").path("uid").asText())));
      List<FinalObject> listing = items.stream()
          .map(d -> ObjectFields.finalObject("Deployment", d, WorkloadWriter.FIELDS)).toList();
      WriteCheck.Result result = WriteCheck.check(writes, listing);
      assertTrue(result.clean(), result.toString());
      assertEquals(40, result.acknowledged(), "no faults: every write acknowledged");
      assertTrue(writes.stream().map(WriteRecord::op).distinct().count() == 4, "every op: " + writes);

      // the check sees a write the store lost: pretend the last scale's object went back
      WriteRecord scale = writes.stream().filter(w -> w.op().equals("scale")).reduce((a, b) -> b).orElseThrow();
      List<FinalObject> tampered = listing.stream().map(o -> o.uid().equals(scale.uid())
          ? new FinalObject(o.kind(), o.namespace(), o.name(), o.uid(), scale.resourceVersion() - 1, o.fields()) : o).toList();
      if (listing.stream().anyMatch(o -> o.uid().equals(scale.uid()))) {
        assertTrue(!WriteCheck.check(writes, tampered).lost().isEmpty());
      }
    } finally {
      TestOrca.deleteTree(dir);
    }
  }
}
