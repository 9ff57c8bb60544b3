package dev.orca.control.replicaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.orca.model.ObjectMeta;
import dev.orca.model.ReplicaSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingCreatesTest {

  private static ReplicaSet rs(Map<String, String> annotations) {
    ReplicaSet rs = dev.orca.model.Json.mapper().convertValue(Map.of("apiVersion", "apps/v1", "kind", "ReplicaSet",
        "metadata", Map.of("name", "web-1", "namespace", "default")), ReplicaSet.class);
    return rs.withMetadata(rs.metadata().withAnnotations(annotations));
  }

  @Test
  void recordsReadsAndForgetsTheNames() {
    ReplicaSet recorded = PendingCreates.with(rs(Map.of("keep", "me")), List.of("web-1-b", "web-1-a"));
    assertEquals("web-1-a,web-1-b", recorded.metadata().annotationsOrEmpty().get(PendingCreates.ANNOTATION));
    assertEquals(Set.of("web-1-a", "web-1-b"), PendingCreates.read(recorded));
    ReplicaSet done = PendingCreates.with(recorded, List.of());
    assertEquals(Map.of("keep", "me"), done.metadata().annotationsOrEmpty());
  }

  @Test
  void noAnnotationsAtAllStaysSo() {
    ReplicaSet none = rs(null);
    assertEquals(Set.of(), PendingCreates.read(none));
    assertNull(PendingCreates.with(none, List.of()).metadata().annotations());
  }
}
