package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 client, as client-go would: a shared informer on pods follows a Deployment scaled
 * up and down, and its cache ends exactly equal to a fresh list — list-then-watch from the list's
 * resourceVersion, with nothing missed or repeated.
 */
class Fabric8InformerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.startReady(3);
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  static Map<String, String> byName(Iterable<Pod> pods) {
    Map<String, String> out = new TreeMap<>();
    for (Pod p : pods) {
      if ("informed".equals(p.getMetadata().getLabels().get("app"))) {
        out.put(p.getMetadata().getName(), p.getMetadata().getResourceVersion());
      }
    }
    return out;
  }

  @Test
  void anInformersCacheEndsEqualToAFreshList() {
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl(orca.api.base).withNamespace("default").withTrustCerts(true).build())
        .build()) {
      Deployment deployment = new DeploymentBuilder()
          .withNewMetadata().withName("informed").addToLabels("app", "informed").endMetadata()
          .withNewSpec().withReplicas(2)
            .withNewSelector().addToMatchLabels("app", "informed").endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", "informed").endMetadata()
              .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
            .endTemplate()
          .endSpec().build();
      client.apps().deployments().inNamespace("default").resource(deployment).create();

      AtomicInteger adds = new AtomicInteger();
      AtomicInteger deletes = new AtomicInteger();
      SharedIndexInformer<Pod> informer = client.pods().inNamespace("default").inform(new ResourceEventHandler<Pod>() {
        @Override
        public void onAdd(Pod pod) {
          adds.incrementAndGet();
        }

        @Override
        public void onUpdate(Pod before, Pod after) {}

        @Override
        public void onDelete(Pod pod, boolean unknownFinalState) {
          deletes.incrementAndGet();
        }
      }, 0);
      try {
        for (int replicas : new int[] {6, 1, 4, 0, 3}) {
          client.apps().deployments().inNamespace("default").withName("informed").scale(replicas);
          await(replicas + " informed pods", DEADLINE,
              () -> byName(client.pods().inNamespace("default").withLabel("app", "informed").list().getItems()),
              pods -> pods.size() == replicas);
        }
        Map<String, String> cached = await("the informer's cache to equal a fresh list", DEADLINE,
            () -> byName(informer.getStore().list()),
            c -> c.equals(byName(client.pods().inNamespace("default").withLabel("app", "informed").list().getItems())));
        assertEquals(3, cached.size());
        assertTrue(adds.get() >= 6 + 3, "adds seen: " + adds.get());
        assertTrue(deletes.get() >= 6, "deletes seen: " + deletes.get());
      } finally {
        informer.close();
      }
    }
  }
}
