package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A JVM's ReplicaSets create their pods within the controllers' write budget
 * ({@code orca.control.child-write-rate} and {@code -burst}), and still reach every replica.
 */
class ChildWriteBudgetTest {

  @Test
  void aReplicaSetLargerThanTheBurstGetsEveryPodAtTheBudgetsPace() throws Exception {
    try (TestOrca orca = TestOrca.start(2, Map.of("orca.control.child-write-rate", 20, "orca.control.child-write-burst", 5))) {
      long start = System.nanoTime();
      ApiClient.Response created = orca.api.post("/apis/apps/v1/namespaces/default/deployments",
          Manifests.deployment("paced", 40, "nginx:1.25"));
      assertEquals(201, created.code(), created.body());
      ApiClient.await("40 pods of the Deployment", Duration.ofSeconds(60),
          () -> ApiClient.items(orca.api.getJson("/api/v1/namespaces/default/pods?labelSelector=app%3Dpaced")).size(), n -> n == 40);
      double seconds = (System.nanoTime() - start) / 1e9;
      // 5 at once, then 20 a second: the last of 40 is created 1.75 s after the first at the soonest
      assertTrue(seconds >= 1.75, "40 pods in " + seconds + " s: faster than 20/s after a burst of 5");
    }
  }
}
