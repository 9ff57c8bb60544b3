package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.bench.RequestLoad;
import dev.orca.bench.RolloutBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rolling update of k8s-manifests/web.yaml while a client sends 50 requests a second through its
 * NodePort Service: not one request fails. (`orca bench rollout` is the same run with a report.)
 */
class ZeroDowntimeRolloutTest {

  @Test
  void aRollingUpdateUnderLoadLosesNoRequest() throws Exception {
    try (TestOrca orca = TestOrca.startProcessNode(Map.of())) {
      RolloutBench.Result result = RolloutBench.run(orca.orca.port(), Path.of("k8s-manifests/web.yaml"), 50, 1,
          Duration.ofSeconds(150), line -> System.out.println("rollout: " + line));
      List<RequestLoad.Sample> failed = result.samples().stream().filter(s -> !s.ok()).toList();
      assertTrue(result.samples().size() > 50 * 5, "the load ran: " + result.samples().size() + " requests");
      assertEquals(List.of(), failed, "failed requests");
      assertTrue(result.samples().stream().anyMatch(s -> s.body().contains("-" + result.oldHash() + "-")), "old pods served");
      assertTrue(result.samples().stream().anyMatch(s -> s.body().contains("-" + result.newHash() + "-")), "new pods served");
    }
  }
}
