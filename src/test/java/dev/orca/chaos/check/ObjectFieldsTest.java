package dev.orca.chaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectFieldsTest {
  @Test
  void pathsWithBracketedKeys() throws Exception {
    JsonNode d = Json.mapper().readTree("""
        {"metadata":{"name":"w-1","namespace":"chaos","uid":"u","resourceVersion":"42",
          "annotations":{"chaos.orca.dev/write":"7"}},"spec":{"replicas":3}}""");
    assertEquals(List.of("metadata", "annotations", "chaos.orca.dev/write"),
        ObjectFields.segments("metadata.annotations[chaos.orca.dev/write]"));
    assertEquals("7", ObjectFields.get(d, "metadata.annotations[chaos.orca.dev/write]"));
    assertEquals("3", ObjectFields.get(d, "spec.replicas"));
    assertNull(ObjectFields.get(d, "spec.paused"));
    assertNull(ObjectFields.get(d, "spec"), "not a value");
    assertEquals(new FinalObject("Deployment", "chaos", "w-1", "u", 42, Map.of("spec.replicas", "3")),
        ObjectFields.finalObject("Deployment", d, List.of("spec.replicas", "spec.paused")));
    assertEquals(WriteRecord.Outcome.ACKED, Outcomes.of(201));
    assertEquals(WriteRecord.Outcome.REJECTED, Outcomes.of(409));
    assertEquals(WriteRecord.Outcome.REJECTED, Outcomes.of(503));
    assertEquals(WriteRecord.Outcome.UNKNOWN, Outcomes.of(504));
    assertEquals(WriteRecord.Outcome.UNKNOWN, Outcomes.of(-1));
  }
}
