package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A JVM's ReplicaSets keep at most {@code orca.control.child-writes-in-flight} pod creates and
 * deletes out together, and ReplicaSets far larger than that still get every replica, and lose
 * every one when scaled to zero: the permits come back.
 */
class ChildWriteBudgetTest {

  @Test
  void replicaSetsLargerThanTheBudgetGetAndLoseEveryPod() throws Exception {
    try (TestOrca orca = TestOrca.start(2, Map.of("orca.control.child-writes-in-flight", 3))) {
      for (String name : new String[] {"paced-a", "paced-b"}) {
        ApiClient.Response created = orca.api.post("/apis/apps/v1/namespaces/default/deployments",
            Manifests.deployment(name, 40, "nginx:1.25"));
        assertEquals(201, created.code(), created.body());
      }
      for (String name : new String[] {"paced-a", "paced-b"}) {
        ApiClient.await("40 pods of " + name, Duration.ofSeconds(60), () -> pods(orca, name), n -> n == 40);
      }
      for (String name : new String[] {"paced-a", "paced-b"}) {
        ApiClient.Response scaled = orca.api.patch("/apis/apps/v1/namespaces/default/deployments/" + name,
            "application/merge-patch+json", "{\"spec\":{\"replicas\":0}}");
        assertEquals(200, scaled.code(), scaled.body());
      }
      for (String name : new String[] {"paced-a", "paced-b"}) {
        ApiClient.await("no pod of " + name + " left", Duration.ofSeconds(60), () -> pods(orca, name), n -> n == 0);
      }
    }
  }

  private static int pods(TestOrca orca, String app) {
    return ApiClient.items(orca.api.getJson("/api/v1/namespaces/default/pods?labelSelector=app%3D" + app)).size();
  }
}
