package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A JVM's ReplicaSets keep at most {@code orca.control.child-creates-in-flight} pod creates out
 * together, and a ReplicaSet far larger than that still gets every replica: the permits come back.
 */
class ChildWriteBudgetTest {

  @Test
  void replicaSetsLargerThanTheBudgetGetEveryPod() throws Exception {
    try (TestOrca orca = TestOrca.start(2, Map.of("orca.control.child-creates-in-flight", 3))) {
      for (String name : new String[] {"paced-a", "paced-b"}) {
        ApiClient.Response created = orca.api.post("/apis/apps/v1/namespaces/default/deployments",
            Manifests.deployment(name, 40, "nginx:1.25"));
        assertEquals(201, created.code(), created.body());
      }
      for (String name : new String[] {"paced-a", "paced-b"}) {
        ApiClient.await("40 pods of " + name, Duration.ofSeconds(60),
            () -> ApiClient.items(orca.api.getJson("/api/v1/namespaces/default/pods?labelSelector=app%3D" + name)).size(),
            n -> n == 40);
      }
    }
  }
}
