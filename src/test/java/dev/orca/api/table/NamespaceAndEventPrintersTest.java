package dev.orca.api.table;

import static dev.orca.api.table.TableFixtures.NOW;
import static dev.orca.api.table.TableFixtures.ago;
import static dev.orca.api.table.TableFixtures.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orca.model.Event;
import dev.orca.model.EventSource;
import dev.orca.model.Namespace;
import dev.orca.model.NamespaceStatus;
import dev.orca.model.ObjectReference;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceAndEventPrintersTest {

  @Test
  void namespacesShowTheirPhase() {
    Namespace active = new Namespace(Namespace.API_VERSION, Namespace.KIND, meta(null, "default", Duration.ofDays(40)),
        null, new NamespaceStatus("Active"));
    assertEquals(List.of("default", "Active", "40d"), new NamespacePrinter().row(active, NOW).cells());
    Namespace going = new Namespace(Namespace.API_VERSION, Namespace.KIND,
        meta(null, "team-a", Duration.ofHours(3)).withDeletionTimestamp(ago(Duration.ofSeconds(2))), null,
        new NamespaceStatus("Terminating"));
    assertEquals(List.of("team-a", "Terminating", "3h"), new NamespacePrinter().row(going, NOW).cells());
  }

  private static Event event(String name, ObjectReference about, String type, String reason, String message,
      Integer count, String first, String last, EventSource source, String reportingComponent) {
    return new Event(Event.API_VERSION, Event.KIND, meta("default", name, Duration.ofMinutes(3)), about, reason,
        message, type, count, first, last, source, reportingComponent, null);
  }

  @Test
  void anEventAboutAPod() {
    Event e = event("web-1.17f3a", new ObjectReference("v1", "Pod", "default", "web-1", "uid-1", "1040",
            "spec.containers{nginx}"), "Normal", "Started", "Started container nginx\n", 3,
        ago(Duration.ofMinutes(3)), ago(Duration.ofSeconds(45)), new EventSource("kubelet", "node-1"), null);
    assertEquals(List.of("45s", "Normal", "Started", "pod/web-1", "spec.containers{nginx}", "kubelet, node-1",
        "Started container nginx", "3m", 3L, "web-1.17f3a"), new EventPrinter().row(e, NOW).cells());
  }

  @Test
  void aSingletonEventWithoutLastTimestampOrCount() {
    Event e = event("web.1", new ObjectReference("apps/v1", "Deployment", "default", "web", null, null, null),
        "Normal", "ScalingReplicaSet", "Scaled up replica set web-9hggkk59kz to 3", null,
        ago(Duration.ofSeconds(14)), null, null, "deployment-controller");
    assertEquals(List.of("14s", "Normal", "ScalingReplicaSet", "deployment/web", "", "deployment-controller",
        "Scaled up replica set web-9hggkk59kz to 3", "14s", 1L, "web.1"), new EventPrinter().row(e, NOW).cells());
  }

  @Test
  void anEventWithoutTimesOrObjectName() {
    Event e = event("x", new ObjectReference(null, "Node", null, null, null, null, null), "Warning", "NodeNotReady",
        "", 0, null, null, null, null);
    assertEquals(List.of("<unknown>", "Warning", "NodeNotReady", "node", "", "", "", "<unknown>", 1L, "x"),
        new EventPrinter().row(e, NOW).cells());
  }
}
