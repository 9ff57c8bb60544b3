package dev.orca.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultModelTest {
  @Test
  void durationsReadAndWriteTheUsualForms() {
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofSeconds(10), Durations.parse("10s"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    assertEquals(Duration.ZERO, Durations.parse("0"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
    assertEquals(Duration.ofMillis(125_300), Durations.parse("2m5.3s"));
    for (String bad : List.of("", "10", "ten seconds", "10 s", "-5s", "5d", "s", "1.s", "99999999999999999h")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
      assertTrue(e.getMessage().contains("10s"), e.getMessage());
    }
    for (String s : List.of("500ms", "10s", "2m", "1m30s", "1.5s", "2m5.3s", "0s", "1h", "90m")) {
      assertEquals(s, Durations.format(Durations.parse(s)));
    }
  }

  @Test
  void targetsHaveATextForm() {
    assertEquals(new FaultTarget.Pod("default", "web-1", null), FaultTarget.parse("pod/default/web-1"));
    assertEquals(new FaultTarget.Pod("default", "web-1", "app"), FaultTarget.parse("pod/default/web-1/app"));
    assertEquals(new FaultTarget.Node("sim-1"), FaultTarget.parse("node/sim-1"));
    assertEquals(new FaultTarget.Member("orca-2"), FaultTarget.parse("member/orca-2"));
    assertEquals(new FaultTarget.Members(List.of("pekko://orca@127.0.0.1:25521", "127.0.0.1:25522")),
        FaultTarget.parse("members/pekko://orca@127.0.0.1:25521,127.0.0.1:25522"));
    assertEquals(new FaultTarget.Database(), FaultTarget.parse("db"));
    for (String s : List.of("pod/default/web-1/app", "node/sim-1", "member/orca-2", "members/a,b", "db")) {
      assertEquals(s, FaultTarget.parse(s).text());
    }
    for (String bad : List.of("pod/web-1", "pod//x", "node/", "members/", "cluster/x", "")) {
      assertThrows(IllegalArgumentException.class, () -> FaultTarget.parse(bad), bad);
    }
  }

  @Test
  void aFaultsTargetMustSuitItsKindAndALastingFaultLasts() {
    Fault f = new Fault(FaultKind.STOP_HEARTBEATS, new FaultTarget.Node("n"), Duration.ofSeconds(10));
    assertEquals("stop-heartbeats node/n for 10s", f.describe());
    assertEquals(Duration.ZERO, new Fault(FaultKind.DELETE_POD, new FaultTarget.Pod("d", "p", null), null).duration());
    assertThrows(IllegalArgumentException.class, () -> new Fault(FaultKind.STOP_HEARTBEATS, new FaultTarget.Pod("d", "p", null),
        Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new Fault(FaultKind.PAUSE_JVM, new FaultTarget.Member("m"), Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new Fault(FaultKind.CRASH_CONTAINER, new FaultTarget.Pod("d", "p", null),
        Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new Fault(FaultKind.PAUSE_DB, new FaultTarget.Database(),
        Duration.ofHours(2)));
  }

  @Test
  void requestsAreReadWithTheFieldAtFaultNamed() throws Exception {
    Fault f = FaultRequests.parse(json("{\"kind\":\"partition\",\"target\":\"members/127.0.0.1:2552\",\"for\":\"5s\"}"));
    assertEquals(FaultKind.PARTITION, f.kind());
    assertEquals(Duration.ofSeconds(5), f.duration());
    assertField("kind", "{\"target\":\"node/n\",\"for\":\"5s\"}");
    assertField("kind", "{\"kind\":\"explode\",\"target\":\"node/n\"}");
    assertField("target", "{\"kind\":\"stop-heartbeats\",\"target\":\"pod/d/p\",\"for\":\"5s\"}");
    assertField("target", "{\"kind\":\"stop-heartbeats\",\"for\":\"5s\"}");
    assertField("for", "{\"kind\":\"stop-heartbeats\",\"target\":\"node/n\",\"for\":\"soon\"}");
    assertField("for", "{\"kind\":\"stop-heartbeats\",\"target\":\"node/n\"}");
    assertField("for", "{\"kind\":\"delete-pod\",\"target\":\"pod/d/p\",\"for\":\"5s\"}");
    assertField("for", "{\"kind\":\"stop-heartbeats\",\"target\":\"node/n\",\"for\":5}");
    assertField("duration", "{\"kind\":\"stop-heartbeats\",\"target\":\"node/n\",\"duration\":\"5s\"}");
    assertField("", "[1]");
  }

  private static void assertField(String field, String body) throws Exception {
    InvalidFault e = assertThrows(InvalidFault.class, () -> FaultRequests.parse(json(body)), body);
    assertEquals(field, e.field(), body + ": " + e.getMessage());
  }

  private static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }
}
